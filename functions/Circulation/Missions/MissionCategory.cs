namespace Circulation.Missions;

/// <summary>
/// The standing of a mission at the United Nations, which decides the distribution lists it belongs to.
/// </summary>
public enum MissionCategory
{
    /// <summary>A Member State of the United Nations, headed by a Permanent Representative.</summary>
    MemberState,

    /// <summary>A non-member observer State (the Holy See and the State of Palestine).</summary>
    ObserverState,

    /// <summary>An intergovernmental organization or other entity with a standing invitation as observer.</summary>
    ObserverOrganization,
}
