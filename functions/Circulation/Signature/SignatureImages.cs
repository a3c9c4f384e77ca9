using Microsoft.Extensions.Options;

namespace Circulation.Signature;

/// <summary>Finds the handwritten signature image for a signatory (configured in Signature:Images by e-mail).</summary>
public sealed class SignatureImages
{
    private const string DefaultResource = "Circulation.Signature.Images.default-signature.png";
    private static readonly Lazy<byte[]> Default = new(LoadDefault);
    private readonly SignatureOptions options;

    /// <summary>Creates the lookup.</summary>
    public SignatureImages(IOptions<SignatureOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
    }

    /// <summary>The PNG of <paramref name="email"/>'s configured signature, or null when none is configured.</summary>
    public async Task<byte[]?> FindConfiguredAsync(string email, CancellationToken cancellationToken) =>
        this.options.Images.TryGetValue(email, out string? path)
            ? await File.ReadAllBytesAsync(path, cancellationToken)
            : null;

    /// <summary>The PNG bytes for <paramref name="email"/>'s signature (the shipped default when none is configured).</summary>
    public async Task<byte[]> GetAsync(string email, CancellationToken cancellationToken) =>
        this.options.Images.TryGetValue(email, out string? path)
            ? await File.ReadAllBytesAsync(path, cancellationToken)
            : Default.Value;

    private static byte[] LoadDefault()
    {
        using var stream = typeof(SignatureImages).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The default signature image resource {DefaultResource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
