using System.Globalization;
using System.Text;

namespace Circulation.DigitalSignature;

/// <summary>
/// Where a saved PDF's one signature sits: its <c>/ByteRange [0 b c d]</c>, which covers the whole file except the
/// <c>/Contents &lt;...&gt;</c> hex string between b and c.
/// </summary>
/// <param name="GapStart">b: the offset of the '&lt;' opening /Contents.</param>
/// <param name="GapEnd">c: the offset just after the '&gt;' closing it.</param>
public sealed record SignedPdfLayout(int GapStart, int GapEnd)
{
    private static readonly byte[] ByteRangeKey = "/ByteRange"u8.ToArray();

    /// <summary>The signed bytes: the file without the /Contents hex string.</summary>
    public byte[] SignedContent(ReadOnlySpan<byte> pdf) => [.. pdf[..this.GapStart], .. pdf[this.GapEnd..]];

    /// <summary>The signature whose byte range covers all of <paramref name="pdf"/> but its own /Contents (the last such one).</summary>
    /// <exception cref="InvalidDataException">There is none.</exception>
    public static SignedPdfLayout Find(ReadOnlySpan<byte> pdf)
    {
        SignedPdfLayout? found = null;
        int from = 0;
        while (from < pdf.Length)
        {
            int at = pdf[from..].IndexOf(ByteRangeKey);
            if (at < 0)
            {
                break;
            }

            at += from + ByteRangeKey.Length;
            from = at;
            int open = pdf[at..].IndexOf((byte)'[');
            int close = pdf[at..].IndexOf((byte)']');
            if (open < 0 || close < open || open > 16)
            {
                continue;
            }

            string[] numbers = Encoding.ASCII.GetString(pdf[(at + open + 1)..(at + close)]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (numbers.Length == 4
                && numbers.Select(n => long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1).ToArray() is [0, var b, var c, var d]
                && b > 0 && c > b && c + d == pdf.Length && pdf[(int)b] == '<' && pdf[(int)c - 1] == '>')
            {
                found = new SignedPdfLayout((int)b, (int)c);
            }
        }

        return found ?? throw new InvalidDataException("The PDF has no signature whose byte range covers the whole document.");
    }
}
