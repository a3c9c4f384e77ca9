namespace Circulation.ReadModel;

/// <summary>What happened to a letter, as its timeline shows it.</summary>
/// <remarks>Part of the workflow wire contract: add members only at the end, never rename.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LetterEventKind>))]
public enum LetterEventKind
{
    /// <summary>The letter was created (saved as a draft, or created and submitted at once).</summary>
    Created,

    /// <summary>The drafter stored a new version.</summary>
    VersionSaved,

    /// <summary>A version was submitted for approval.</summary>
    Submitted,

    /// <summary>An approver was sent the approval link.</summary>
    ApprovalRequested,

    /// <summary>An approver decided (approve, request changes, reject); the text is the comment.</summary>
    Decided,

    /// <summary>The signatory was sent the signature link.</summary>
    SignatureRequested,

    /// <summary>The signatory signed; the text is the signatory's note, if any.</summary>
    Signed,

    /// <summary>The first copies went out to the missions.</summary>
    DistributionStarted,

    /// <summary>Every mission's delivery has an outcome.</summary>
    DistributionFinished,

    /// <summary>The pending link lapsed without a decision.</summary>
    Expired,

    /// <summary>The approval or signature request could not be delivered; the letter went back to the drafter.</summary>
    Undeliverable,

    /// <summary>The drafter or an admin withdrew the letter; the text is the reason.</summary>
    Withdrawn,

    /// <summary>The pending approver or signatory was sent the request again.</summary>
    Reminded,

    /// <summary>The pending approver or signatory was replaced; the text says by whom and why.</summary>
    Replaced,

    /// <summary>Someone asked for copies to be sent again to one mission or to every failed one.</summary>
    ResendRequested,

    /// <summary>A resend ended; the text gives its outcome ("1 of 1 sent"), and the letter's counts were recounted.</summary>
    ResendFinished,

    /// <summary>The digital signature could not be applied once its retries were spent; the text is the reason in words.</summary>
    SignatureFailed,

    /// <summary>An admin asked for the failed digital signature to be applied again.</summary>
    SignatureRetried,
}
