namespace Circulation.Signature;

/// <summary>Handwritten signature images (section "Signature").</summary>
public sealed class SignatureOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Signature";

    /// <summary>Signatory e-mail address to the path of a PNG of their handwritten signature.</summary>
    public Dictionary<string, string> Images { get; } = new(StringComparer.OrdinalIgnoreCase);
}
