namespace Circulation.Approval;

/// <summary>The outcome of checking a link's token.</summary>
public enum LinkTokenStatus
{
    /// <summary>Signed by us and not expired.</summary>
    Valid,

    /// <summary>Not a token at all (cut short, wrong shape).</summary>
    Malformed,

    /// <summary>The signature does not match: the link was altered.</summary>
    Tampered,

    /// <summary>Genuine but past its expiry.</summary>
    Expired,
}
