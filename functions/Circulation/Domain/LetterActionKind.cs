namespace Circulation.Domain;

/// <summary>What the drafter or an admin did to a letter in flight.</summary>
/// <remarks>Part of the workflow wire contract: add members only at the end, never rename.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LetterActionKind>))]
public enum LetterActionKind
{
    /// <summary>Withdrew the letter before it was signed; final.</summary>
    Withdrawn,

    /// <summary>Sent the pending approver or signatory the request again.</summary>
    Reminded,

    /// <summary>Gave the pending approval or the signature to another person of the same role.</summary>
    Replaced,

    /// <summary>An admin asked for the digital signature to be applied again after it failed (<see cref="LetterStage.SignatureFailed"/>).</summary>
    SignatureRetried,
}
