namespace Circulation.Verification;

/// <summary>
/// What anyone may learn of a letter the Office signed and circulated, given its signed PDF's SHA-256; nothing else
/// (no drafts, versions, approvers, comments or deliveries).
/// </summary>
/// <param name="Reference">The letter's reference (its id, e.g. L20261207-103512-7K2QX9).</param>
/// <param name="Subject">The subject.</param>
/// <param name="Date">The date the signed letter carries.</param>
/// <param name="Signatory">Who signed it, by name.</param>
/// <param name="Title">The signatory's title, e.g. "President of the General Assembly".</param>
/// <param name="SignedAt">When it was signed.</param>
/// <param name="DistributionList">The list it was circulated to, in words, e.g. "All Permanent Representatives".</param>
/// <param name="Missions">How many missions the list held when it was circulated.</param>
/// <param name="CirculatedAt">When its distribution started.</param>
public sealed record VerifiedLetter(
    string Reference,
    string Subject,
    DateOnly Date,
    string Signatory,
    string Title,
    DateTimeOffset SignedAt,
    string DistributionList,
    int Missions,
    DateTimeOffset CirculatedAt);
