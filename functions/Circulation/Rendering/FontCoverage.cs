using System.Buffers.Binary;

namespace Circulation.Rendering;

/// <summary>
/// The characters a TrueType font has glyphs for, read from its 'cmap' table (format 4 for the Basic
/// Multilingual Plane, format 12 when present for the rest).
/// </summary>
internal static class FontCoverage
{
    /// <summary>The code points that map to a glyph other than .notdef.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a TrueType font with a Unicode cmap.</exception>
    public static HashSet<int> Read(ReadOnlySpan<byte> font)
    {
        int cmap = FindTable(font, "cmap"u8);
        int count = U16(font, cmap + 2);
        int format4 = -1;
        int format12 = -1;
        for (int i = 0; i < count; i++)
        {
            int record = cmap + 4 + (i * 8);
            int platform = U16(font, record);
            int encoding = U16(font, record + 2);
            int offset = cmap + checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.Slice(record + 4, 4)));
            int format = U16(font, offset);
            if (format == 12 && ((platform == 3 && encoding == 10) || platform == 0))
            {
                format12 = offset;
            }
            else if (format == 4 && ((platform == 3 && encoding == 1) || platform == 0))
            {
                format4 = offset;
            }
        }

        var covered = new HashSet<int>();
        if (format12 >= 0)
        {
            ReadFormat12(font, format12, covered);
        }
        else if (format4 >= 0)
        {
            ReadFormat4(font, format4, covered);
        }
        else
        {
            throw new InvalidDataException("The font has no Unicode character map.");
        }

        return covered;
    }

    private static void ReadFormat4(ReadOnlySpan<byte> font, int table, HashSet<int> covered)
    {
        int segments = U16(font, table + 6) / 2;
        int ends = table + 14;
        int starts = ends + (segments * 2) + 2;
        int deltas = starts + (segments * 2);
        int rangeOffsets = deltas + (segments * 2);
        for (int s = 0; s < segments; s++)
        {
            int end = U16(font, ends + (s * 2));
            int start = U16(font, starts + (s * 2));
            int delta = U16(font, deltas + (s * 2));
            int rangeOffsetAt = rangeOffsets + (s * 2);
            int rangeOffset = U16(font, rangeOffsetAt);
            for (int c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : GlyphAt(font, rangeOffsetAt + rangeOffset + ((c - start) * 2), delta);
                if (glyph != 0)
                {
                    covered.Add(c);
                }
            }
        }
    }

    private static int GlyphAt(ReadOnlySpan<byte> font, int at, int delta)
    {
        int glyph = U16(font, at);
        return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
    }

    private static void ReadFormat12(ReadOnlySpan<byte> font, int table, HashSet<int> covered)
    {
        long groups = BinaryPrimitives.ReadUInt32BigEndian(font.Slice(table + 12, 4));
        for (long g = 0; g < groups; g++)
        {
            int at = checked(table + 16 + (int)(g * 12));
            long start = BinaryPrimitives.ReadUInt32BigEndian(font.Slice(at, 4));
            long end = BinaryPrimitives.ReadUInt32BigEndian(font.Slice(at + 4, 4));
            long glyph = BinaryPrimitives.ReadUInt32BigEndian(font.Slice(at + 8, 4));
            for (long c = start; c <= end && c <= 0x10FFFF; c++)
            {
                if (glyph + (c - start) != 0)
                {
                    covered.Add((int)c);
                }
            }
        }
    }

    private static int FindTable(ReadOnlySpan<byte> font, ReadOnlySpan<byte> tag)
    {
        if (font.Length < 12)
        {
            throw new InvalidDataException("The font is too short to be a TrueType font.");
        }

        int tables = U16(font, 4);
        for (int i = 0; i < tables; i++)
        {
            int record = 12 + (i * 16);
            if (font.Slice(record, 4).SequenceEqual(tag))
            {
                return checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.Slice(record + 8, 4)));
            }
        }

        throw new InvalidDataException($"The font has no '{System.Text.Encoding.ASCII.GetString(tag)}' table.");
    }

    private static int U16(ReadOnlySpan<byte> font, int at) => BinaryPrimitives.ReadUInt16BigEndian(font.Slice(at, 2));
}
