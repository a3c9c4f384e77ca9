using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Circulation.DigitalSignature;

/// <summary>Asks the RFC 3161 timestamp authority (<c>Signing:TimestampUrl</c>) to timestamp a signature, with retries.</summary>
public sealed partial class TimestampClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri url;
    private readonly ResiliencePipeline pipeline;
    private readonly ILogger<TimestampClient> logger;

    /// <summary>Creates the client.</summary>
    public TimestampClient(IOptions<SigningOptions> options, ILogger<TimestampClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        this.url = new Uri(settings.TimestampUrl);
        this.logger = logger;
        this.http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = settings.Timeout };
        this.pipeline = SigningRetries.Create(settings, IsTransient, (attempt, delay, error) => this.LogRetry(this.url, attempt, settings.Retries, delay, error?.Message));
    }

    /// <summary>A token over the signature value of <paramref name="signerInfo"/>, checked against the request (digest and nonce).</summary>
    /// <exception cref="SigningUnavailableException">The authority did not answer, or refused, after retries.</exception>
    public async Task<Rfc3161TimestampToken> TimestampAsync(SignerInfo signerInfo, CancellationToken cancellationToken)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7F;
        var request = Rfc3161TimestampRequest.CreateFromSignerInfo(signerInfo, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: nonce);
        byte[] encoded = request.Encode();
        try
        {
            return await this.pipeline.ExecuteAsync(
                async ct =>
                {
                    using var content = new ByteArrayContent(encoded);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
                    using var response = await this.http.PostAsync(this.url, content, ct).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new HttpRequestException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
                    }

                    byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                    return request.ProcessResponse(body, out _);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or CryptographicException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            string reason = ex is TaskCanceledException ? $"no answer within {this.http.Timeout.TotalSeconds:0} s" : ex.Message;
            throw new SigningUnavailableException($"The timestamp authority at {this.url} did not answer: {reason}", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.http.Dispose();

    private static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests } => true,
        HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
        TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timestamp authority {Url} failed; retry {Attempt} of {Retries} in {Delay}: {Error}")]
    private partial void LogRetry(Uri url, int attempt, int retries, TimeSpan delay, string? error);
}
