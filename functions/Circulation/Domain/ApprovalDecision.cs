namespace Circulation.Domain;

/// <summary>What an approver decided.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ApprovalDecision>))]
public enum ApprovalDecision
{
    /// <summary>The letter may go on to the next approver or to signature.</summary>
    Approve,

    /// <summary>The drafter must revise the letter.</summary>
    RequestChanges,

    /// <summary>The letter will not be circulated.</summary>
    Reject,
}
