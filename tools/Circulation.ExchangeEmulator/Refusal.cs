namespace Circulation.ExchangeEmulator;

/// <summary>Why a request or a send was refused: the limit or error code, and how long until it may succeed.</summary>
public sealed record Refusal(string Code, TimeSpan RetryAfter);
