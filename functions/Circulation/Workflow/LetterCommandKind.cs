namespace Circulation.Workflow;

/// <summary>What the drafter or an admin asks of a letter in flight.</summary>
/// <remarks>Part of the workflow wire contract: add members only at the end, never rename.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LetterCommandKind>))]
public enum LetterCommandKind
{
    /// <summary>Withdraw the letter (POST api/letters/{id}/withdraw).</summary>
    Withdraw,

    /// <summary>Send the pending approver or signatory the request again (POST api/letters/{id}/remind).</summary>
    Remind,

    /// <summary>Give the pending approval or the signature to another person (POST api/letters/{id}/replace).</summary>
    Replace,

    /// <summary>Apply the digital signature again after it failed (POST api/letters/{id}/retry-signature; admins only).</summary>
    RetrySignature,
}
