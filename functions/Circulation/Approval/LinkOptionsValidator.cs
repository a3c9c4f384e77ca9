using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Circulation.Approval;

/// <summary>
/// Refuses start-up unless the link-signing keys are real: at least one key, each with an id of 1 to 32 letters,
/// digits or '-', each the base64 of at least <see cref="MinimumKeyBytes"/> bytes and none of them a placeholder
/// (anything containing <see cref="PlaceholderMarker"/>), and <see cref="LinkOptions.ActiveKeyId"/> naming one of them.
/// The messages name the key id, never the key.
/// </summary>
public sealed class LinkOptionsValidator : IValidateOptions<LinkOptions>
{
    /// <summary>The shortest key accepted, in bytes (HMAC-SHA256's own output size).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>A value containing this (any case) is a placeholder, like the one in local.settings.sample.json.</summary>
    public const string PlaceholderMarker = "REPLACE";

    private const int MaximumKeyIdLength = 32;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LinkOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem with the keys of <paramref name="options"/>, in plain words; empty when they are fine.</summary>
    public static IReadOnlyList<string> Failures(LinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Links:SigningKey is no longer read: put the key under Links:SigningKeys:<keyId> (for example Links:SigningKeys:k1) and name it in Links:ActiveKeyId.");
        }

        if (options.SigningKeys.Count == 0)
        {
            failures.Add("Links:SigningKeys lists no key: add one as Links:SigningKeys:<keyId> (the base64 of at least 32 random bytes, e.g. from `head -c 32 /dev/urandom | base64`) and name it in Links:ActiveKeyId.");
            return failures;
        }

        foreach (var (keyId, value) in options.SigningKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (KeyProblem(keyId, value) is { } problem)
            {
                failures.Add(problem);
            }
        }

        if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
        {
            failures.Add("Links:ActiveKeyId is not set: name the key in Links:SigningKeys that signs new links.");
        }
        else if (!options.SigningKeys.ContainsKey(options.ActiveKeyId))
        {
            failures.Add($"Links:ActiveKeyId is '{options.ActiveKeyId}', but Links:SigningKeys has no key '{options.ActiveKeyId}' (it lists {string.Join(", ", options.SigningKeys.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}).");
        }

        return failures;
    }

    /// <summary>The key's bytes; call only for a key that <see cref="Failures"/> accepted.</summary>
    public static byte[] Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.FromBase64String(value.Trim());
    }

    /// <summary>True for 1 to 32 ASCII letters, digits or '-'.</summary>
    public static bool IsValidKeyId(string? keyId) =>
        keyId is { Length: > 0 and <= MaximumKeyIdLength } && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string? KeyProblem(string keyId, string? value)
    {
        if (!IsValidKeyId(keyId))
        {
            return $"Links:SigningKeys:{keyId} has an invalid key id: use 1 to {MaximumKeyIdLength} letters, digits or '-'.";
        }

        string text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return $"Links:SigningKeys:{keyId} is empty: set it to the base64 of at least {MinimumKeyBytes} random bytes.";
        }

        if (text.Contains(PlaceholderMarker, StringComparison.OrdinalIgnoreCase))
        {
            return $"Links:SigningKeys:{keyId} is still the placeholder: replace it with the base64 of at least {MinimumKeyBytes} random bytes (e.g. `head -c 32 /dev/urandom | base64`).";
        }

        byte[] buffer = new byte[text.Length];
        bool decoded = Convert.TryFromBase64String(text, buffer, out int length);
        CryptographicOperations.ZeroMemory(buffer);
        if (!decoded)
        {
            return $"Links:SigningKeys:{keyId} is not base64: set it to the base64 of at least {MinimumKeyBytes} random bytes (e.g. `head -c 32 /dev/urandom | base64`).";
        }

        return length < MinimumKeyBytes
            ? $"Links:SigningKeys:{keyId} is only {length} bytes long: a link-signing key must be at least {MinimumKeyBytes} random bytes (base64)."
            : null;
    }
}
