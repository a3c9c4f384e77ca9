using System.Globalization;

namespace Circulation.Rendering;

/// <summary>Writes dates the way the letters print them.</summary>
public static class LetterDateFormatter
{
    /// <summary>
    /// Formats <paramref name="date"/> as day, English month name and year, e.g. "7 November 2007"
    /// (no leading zero), whatever the culture of the machine.
    /// </summary>
    public static string Format(DateOnly date) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{date.Day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month)} {date.Year}");
}
