namespace Circulation.Domain;

/// <summary>What an e-mailed link lets its holder do.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LinkPurpose>))]
public enum LinkPurpose
{
    /// <summary>Approve, request changes or reject.</summary>
    Approval,

    /// <summary>Sign the approved letter.</summary>
    Signature,
}
