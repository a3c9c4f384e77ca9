using System.Globalization;

namespace Circulation.Verification;

/// <summary>The verification page's answers in plain words.</summary>
public static class VerificationText
{
    /// <summary>The answer for a file that is not a circulated letter, whatever the reason.</summary>
    public const string NotCirculated =
        "This file is not a letter circulated by the Office of the President of the General Assembly. It may have been altered; ask the Office for a copy.";

    /// <summary>
    /// "Authentic. This is the letter of 7 December 2026, 'subject', signed by Amina Rahman, President of the General
    /// Assembly, and circulated on 7 December 2026 to All Permanent Representatives (193 missions)." The circulation's day
    /// is the one in <paramref name="officeZone"/>.
    /// </summary>
    public static string Authentic(VerifiedLetter letter, TimeZoneInfo officeZone)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(officeZone);
        var circulated = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(letter.CirculatedAt, officeZone).DateTime);
        string missions = letter.Missions == 1 ? "1 mission" : string.Create(CultureInfo.InvariantCulture, $"{letter.Missions} missions");
        return $"Authentic. This is the letter of {Day(letter.Date)}, '{letter.Subject}', signed by {letter.Signatory}, {letter.Title}, "
            + $"and circulated on {Day(circulated)} to {letter.DistributionList} ({missions}).";
    }

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
