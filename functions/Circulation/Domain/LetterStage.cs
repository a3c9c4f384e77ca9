namespace Circulation.Domain;

/// <summary>Where a letter is in its circulation.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LetterStage>))]
public enum LetterStage
{
    /// <summary>A draft: saved but not submitted, or submitted and about to go to the first approver.</summary>
    Drafting,

    /// <summary>Waiting for an approver's decision.</summary>
    AwaitingApproval,

    /// <summary>Approved by everyone; waiting for the signatory.</summary>
    AwaitingSignature,

    /// <summary>Signed; being e-mailed to the missions.</summary>
    Distributing,

    /// <summary>Every mission's delivery has an outcome (sent or failed).</summary>
    Distributed,

    /// <summary>An approver asked for changes; the round has ended and the drafter may edit the letter and submit it again.</summary>
    ChangesRequested,

    /// <summary>An approver rejected the letter; the round has ended.</summary>
    Rejected,

    /// <summary>An approval or signature link lapsed without a decision; the round has ended.</summary>
    Expired,

    /// <summary>The drafter or an admin withdrew the letter before it was signed; its links no longer work. Final.</summary>
    Withdrawn,

    /// <summary>
    /// The signatory signed, but the digital signature could not be applied (the timestamp authority unreachable, Key Vault
    /// refusing) once the retries were spent: nothing was sent to any mission; the letter waits for an admin to retry
    /// signing, or to withdraw it. The note says why, in words.
    /// </summary>
    SignatureFailed,
}
