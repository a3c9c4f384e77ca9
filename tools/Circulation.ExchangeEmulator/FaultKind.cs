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

    /// <summary>
    /// A send (POST …/send) is carried out, its connection drops before any answer, and the client's HTTP handler sends it
    /// again on its own (as .NET's SocketsHttpHandler does for a pooled connection that failed before any answer): the
    /// client gets the answer to the second send, Graph's 400 "The message has already been sent". Other calls get
    /// <see cref="AcceptedThenDrop"/>.
    /// </summary>
    AcceptedThenResent,
}
