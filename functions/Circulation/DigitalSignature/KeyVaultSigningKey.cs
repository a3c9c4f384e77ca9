using Azure;
using Azure.Security.KeyVault.Keys.Cryptography;
using Microsoft.Extensions.Logging;
using Polly;

namespace Circulation.DigitalSignature;

/// <summary>A Key Vault key (RSA-HSM): the digest goes to the vault and the signature comes back; the key never leaves it.</summary>
public sealed partial class KeyVaultSigningKey : ISigningKey
{
    private readonly CryptographyClient client;
    private readonly ResiliencePipeline pipeline;
    private readonly ILogger<KeyVaultSigningKey> logger;

    /// <summary>Creates the key over <paramref name="client"/> (its SDK retries off), with the certificates the settings give.</summary>
    public KeyVaultSigningKey(CryptographyClient client, SigningOptions options, ILogger<KeyVaultSigningKey> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.logger = logger;
        this.Certificate = SigningCertificate.Load(options);
        this.Description = $"Key Vault key {options.KeyVaultKeyId}";
        this.pipeline = SigningRetries.Create(options, IsTransient, (attempt, delay, error) => this.LogRetry(attempt, options.Retries, delay, error?.Message));
    }

    /// <inheritdoc/>
    public SigningCertificate Certificate { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public async Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        try
        {
            var result = await this.pipeline.ExecuteAsync(
                async ct => await this.client.SignAsync(SignatureAlgorithm.RS256, sha256, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return result.Signature;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or Azure.Identity.AuthenticationFailedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SigningUnavailableException($"The {this.Description} did not sign: {ex.Message}", ex);
        }
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault signing attempt failed; retry {Attempt} of {Retries} in {Delay}: {Error}")]
    private partial void LogRetry(int attempt, int retries, TimeSpan delay, string? error);
}
