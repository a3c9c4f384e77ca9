using Circulation.Drafting;

namespace Circulation.Distribution;

/// <summary>What every mission receives for one letter: its signed text and PDF.</summary>
/// <param name="Draft">The signed version's content (subject, date).</param>
/// <param name="SignedPdf">The signed PDF.</param>
public sealed record DistributionPackage(LetterDraft Draft, byte[] SignedPdf);
