using Circulation.Domain;
using Microsoft.Extensions.Options;

namespace Circulation.Approval;

/// <summary>Builds the public URLs e-mailed to approvers and signatories.</summary>
public sealed class LinkUrls
{
    private readonly LinkTokenService tokens;
    private readonly string baseUrl;

    /// <summary>Creates the builder.</summary>
    public LinkUrls(LinkTokenService tokens, IOptions<LinkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.tokens = tokens;
        this.baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>The letter's page for staff, <c>{public base url}/letters/{id}</c>, which mails link to.</summary>
    public Uri LetterPage(string letterId) => new($"{this.baseUrl}/letters/{Uri.EscapeDataString(letterId)}");

    /// <summary>The letter's edit view for its drafter, <c>{public base url}/letters/{id}/edit</c>.</summary>
    public Uri EditPage(string letterId) => new($"{this.LetterPage(letterId)}/edit");

    /// <summary>The public verification page, <c>{public base url}/verify</c>, which the missions' cover e-mails name.</summary>
    public Uri VerifyPage => new($"{this.baseUrl}/verify");

    /// <summary>
    /// The link for <paramref name="pending"/> on a letter version, bound to the rendition whose SHA-256 is
    /// <paramref name="renditionSha256"/> (the PDF the request attaches).
    /// </summary>
    public Uri For(string letterId, int version, PendingAction pending, string? renditionSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(pending);
        string token = this.tokens.Issue(
            new LinkToken(letterId, version, pending.Kind, pending.Step, pending.Actor, pending.TokenId, pending.ExpiresAt, renditionSha256 ?? pending.RenditionSha256));
        string page = pending.Kind == LinkPurpose.Approval ? "approve" : "sign";
        return new Uri($"{this.baseUrl}/{page}?token={Uri.EscapeDataString(token)}");
    }
}
