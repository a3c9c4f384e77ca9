namespace Circulation.Distribution;

/// <summary>Where one mission's copy of a signed letter stands.</summary>
public enum DeliveryState
{
    /// <summary>Not sent yet (or a resend under way).</summary>
    Pending,

    /// <summary>The mail system took the message.</summary>
    Sent,

    /// <summary>The mail system refused it, or it could not be sent after every retry.</summary>
    Failed,
}
