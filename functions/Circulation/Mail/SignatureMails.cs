using System.Net;
using Circulation.Workflow;

namespace Circulation.Mail;

/// <summary>The messages about a letter's digital signature: it failed, and an admin can retry it.</summary>
public static class SignatureMails
{
    /// <summary>
    /// Tells <paramref name="recipient"/> (the drafter or an admin) that the digital signature of the letter in
    /// <paramref name="notice"/> failed once its retries were spent: why, that nothing was sent to the missions, and that
    /// an admin can retry on the letter's page (<paramref name="letterPage"/>). The Message-ID is the failure's and the
    /// recipient's, so a repeated send is the same message.
    /// </summary>
    public static OutgoingMail Failure(SignatureFailureNotice notice, string recipient, Uri letterPage)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(letterPage);
        string text = $"""
            The letter "{notice.Subject}" ({notice.LetterId}, version {notice.Version}) was signed by its signatory, but its digital signature could not be applied.

            Reason: {notice.Reason}

            Nothing was sent to the missions: a letter is distributed only once it is signed. Once the cause is fixed (for example, the timestamp authority answers again, or Key Vault lets Circulation use the signing key), an admin can retry signing on the letter's page; the letter is then signed as of the signatory's signature and distributed. An admin can also withdraw it there.

            The letter's page: {letterPage}
            """;
        string html = $"""
            <p>The letter <b>{Enc(notice.Subject)}</b> ({notice.LetterId}, version {notice.Version}) was signed by its signatory, but its digital signature could not be applied.</p>
            <p><b>Reason:</b> {Enc(notice.Reason)}</p>
            <p>Nothing was sent to the missions: a letter is distributed only once it is signed. Once the cause is fixed (for example, the timestamp authority answers again, or Key Vault lets Circulation use the signing key), an admin can retry signing on the letter's page; the letter is then signed as of the signatory's signature and distributed. An admin can also withdraw it there.</p>
            <p><a href="{Enc(letterPage.ToString())}">The letter's page</a></p>
            """;
        string who = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recipient.ToLowerInvariant())))[..16];
        return new OutgoingMail(
            recipient, recipient, $"Signature failed: {notice.Subject}", text, html, [], $"{notice.LetterId}.v{notice.Version}.signature-failed.{notice.FailureId}.{who}@circulation");
    }

    private static string Enc(string? value) => WebUtility.HtmlEncode(value ?? "");
}
