namespace Circulation.ExchangeEmulator;

/// <summary>A fault the emulator can inject into a Graph call.</summary>
public enum FaultKind
{
    /// <summary>429 ApplicationThrottled with Retry-After, before doing anything.</summary>
    Throttle,

    /// <summary>503 ServiceUnavailable with Retry-After, before doing anything.</summary>
    Unavailable,

    /// <summary>The connection is dropped before the request is processed.</summary>
    Drop,

    /// <summary>No answer for <see cref="EmulatorFaults.StallFor"/>, then the connection is dropped; nothing is done.</summary>
    Timeout,

    /// <summary>The request is carried out (the draft created, the message sent: 201/202) but the connection drops before the reply.</summary>
    AcceptedThenDrop,
}
