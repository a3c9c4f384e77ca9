using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>
/// Makes a pending link stop working because the letter was withdrawn or the link's holder was replaced. Stored as the
/// link's one-time claim, so it and a use of the link exclude each other: whichever comes first wins.
/// </summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter.</param>
/// <param name="TokenId">The link that stops working.</param>
/// <param name="RetirementId">Decided by the workflow (<c>context.NewGuid()</c>): a retried activity recognises its own claim.</param>
/// <param name="Action">The withdrawal or replacement, with who, when and why.</param>
public sealed record LinkRetirement(string LetterId, string TokenId, string RetirementId, LetterAction Action)
{
    /// <summary>The retirement stored as a link's claim, or null when the claim is a use of the link (or not one of ours).</summary>
    public static LinkRetirement? TryRead(byte[]? claim)
    {
        if (claim is null)
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(claim);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("retirementId", out _)
                ? Archive.ArchiveJson.FromBytes<LinkRetirement>(claim)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
