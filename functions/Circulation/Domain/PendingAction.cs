namespace Circulation.Domain;

/// <summary>The one link a letter is currently waiting on.</summary>
/// <param name="Kind">Approval or signature.</param>
/// <param name="Step">The approver's position (0 for the signature).</param>
/// <param name="Actor">Who the link was sent to.</param>
/// <param name="TokenId">The id bound into the link's token; only this token can act.</param>
/// <param name="ExpiresAt">When the link lapses (UTC).</param>
/// <param name="RemindedAt">When its holder was last sent the request again (see <see cref="ReminderInterval"/>).</param>
/// <param name="RenditionSha256">
/// The lower-case hex SHA-256 of the version's archived PDF (the rendition) the holder is shown and decides on: the one
/// attached to the request and shown on the link's page. Null in states written before decisions were bound to it.
/// </param>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
public sealed record PendingAction(
    LinkPurpose Kind, int Step, string Actor, string TokenId, DateTimeOffset ExpiresAt, DateTimeOffset? RemindedAt = null, string? RenditionSha256 = null)
{
    /// <summary>The shortest time between two reminders of the same link: a reminder carries the whole letter, to people whose inbox matters.</summary>
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(15);

    /// <summary>When the next reminder may be sent, or null when one may be sent now (at <paramref name="now"/>).</summary>
    public DateTimeOffset? NextReminderAfter(DateTimeOffset now) =>
        this.RemindedAt is { } last && now < last + ReminderInterval ? last + ReminderInterval : null;
}
