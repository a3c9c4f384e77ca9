namespace Circulation.Workflow;

/// <summary>What the drafter did to a letter that is not in approval.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DraftChangeKind>))]
public enum DraftChangeKind
{
    /// <summary>Stored a new version (PUT api/letters/{id}); the letter stays in drafting.</summary>
    Revised,

    /// <summary>Submitted a version for approval (POST api/letters/{id}/submit).</summary>
    Submitted,
}
