namespace Circulation.Verification;

/// <summary>The answer to "is this file a letter the Office circulated?" (GET /api/verify/{sha256}).</summary>
/// <param name="Authentic">True only for the signed PDF of a letter that was signed and circulated.</param>
/// <param name="Letter">The letter, present only when <paramref name="Authentic"/>.</param>
public sealed record VerificationAnswer(bool Authentic, VerifiedLetter? Letter)
{
    /// <summary>The one answer for every file that is not a circulated letter: unknown, a draft, altered, withdrawn or unsigned.</summary>
    public static VerificationAnswer NotCirculated { get; } = new(false, null);

    /// <summary>The answer for <paramref name="letter"/>: authentic when it is found.</summary>
    public static VerificationAnswer For(VerifiedLetter? letter) => letter is null ? NotCirculated : new(true, letter);
}
