namespace Circulation.ExchangeEmulator;

/// <summary>A file attached to an emulated message.</summary>
public sealed record EmulatedAttachment(string Id, string Name, string ContentType, byte[] Content);
