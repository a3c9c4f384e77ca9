namespace Circulation.Missions;

/// <summary>
/// A named group of missions to which a letter can be circulated.
/// </summary>
/// <param name="Id">Stable identifier, e.g. "permanent-representatives".</param>
/// <param name="Name">Human-readable label, e.g. "All Permanent Representatives".</param>
/// <param name="AddresseeLines">The addressee block printed on letters sent to this list.</param>
/// <param name="MemberCount">Number of missions on the list.</param>
public sealed record DistributionList(
    string Id,
    string Name,
    IReadOnlyList<string> AddresseeLines,
    int MemberCount)
{
    /// <summary>Who a letter to this list reaches, in words: "All Permanent Representatives and Permanent Observers, 241 missions".</summary>
    public string Audience => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{this.Name}, {this.MemberCount} missions");
}
