using System.Collections;
using System.IO.Compression;

namespace Circulation.Rendering;

// The checks inside streams: what compressed contents expand to (PdfLimits.MaxDecompressedBytes), and where object
// streams and cross-reference streams point (never into data this scan did not read as structure).
internal sealed partial class PdfStructureScan
{
    private void ReadStream(byte[] pdf, StreamData stream)
    {
        var dict = stream.Dictionary;
        string? type = (dict.Get("Type") as NameToken)?.Value;
        bool isObjectStream = type == "ObjStm";
        bool isXRefStream = type == "XRef";
        bool isImage = (dict.Get("Subtype") as NameToken)?.Value == "Image";
        var filters = Filters(dict.Get("Filter"));
        bool plain = filters.Count == 0;
        bool flate = filters.Count == 1 && filters[0] is "FlateDecode" or "Fl";
        int predictor = Integer(Parameters(dict)?.Get("Predictor")) is { } p ? (int)p : 1;

        if (isObjectStream || isXRefStream)
        {
            bool supported = (plain || flate) && (predictor == 1 || (isXRefStream && predictor >= 10));
            if (!supported)
            {
                throw new RefusedException($"The PDF compresses its {(isObjectStream ? "objects" : "cross-reference table")} in a way Circulation does not read; {SaveAgain}.");
            }

            byte[] data = plain ? pdf[stream.Start..stream.End] : this.Inflate(pdf, stream.Start, stream.End, keep: true)!;
            if (isObjectStream)
            {
                this.ReadObjectStream(dict, data);
            }
            else
            {
                this.ReadXRefStream(dict, predictor >= 10 ? this.Unpredict(data, Parameters(dict)) : data);
            }
        }
        else if (flate && !isImage)
        {
            // Not parsed by PDFsharp, but copied into the letter: what missions' readers would inflate counts too.
            this.Inflate(pdf, stream.Start, stream.End, keep: false);
        }
    }

    private void ReadObjectStream(DictionaryValue dict, byte[] data)
    {
        long n = Integer(dict.Get("N")) ?? 0;
        long first = Integer(dict.Get("First")) ?? 0;
        if (n < 0 || first < 0 || first > data.Length)
        {
            throw Unreadable("an object stream's header is damaged");
        }

        this.CountObjects(n);
        var opaque = new BitArray(data.Length);
        new Pass(this, data, data.Length, opaque, topLevel: false).Tokenize();

        // The header is n pairs "object-number offset"; each object starts at First + offset.
        var header = new Pass(this, data, (int)first, new BitArray((int)first), topLevel: false);
        var numbers = header.Integers((int)Math.Min(n * 2, int.MaxValue));
        for (int k = 1; k < numbers.Count; k += 2)
        {
            long at = first + numbers[k];
            if (at < 0 || at >= data.Length || opaque[(int)at])
            {
                throw new RefusedException($"The PDF's object stream points into the middle of its data, which a well-formed PDF never does; {SaveAgain}.");
            }
        }
    }

    private void ReadXRefStream(DictionaryValue dict, byte[] rows)
    {
        if (dict.Get("W") is not ArrayValue { Truncated: false } w || w.Items.Count != 3 || w.Items.Any(i => Integer(i) is not (>= 0 and <= 8)))
        {
            throw Unreadable("its cross-reference stream has no valid /W");
        }

        int[] widths = [.. w.Items.Select(i => (int)Integer(i)!.Value)];
        int rowLength = widths.Sum();
        long size = Integer(dict.Get("Size")) ?? 0;
        var index = dict.Get("Index") is ArrayValue ix ? ix : new ArrayValue([0L, size], false);
        if (index.Truncated || rowLength == 0)
        {
            throw Unreadable("its cross-reference stream is damaged");
        }

        int row = 0;
        for (int s = 0; s + 1 < index.Items.Count; s += 2)
        {
            long count = Integer(index.Items[s + 1]) ?? 0;
            for (long e = 0; e < count && (row + 1) * rowLength <= rows.Length; e++, row++)
            {
                int at = row * rowLength;
                long kind = widths[0] == 0 ? 1 : Field(rows, at, widths[0]);
                long offset = Field(rows, at + widths[0], widths[1]);
                if (kind is 1 or 2)
                {
                    this.CountEntry();
                }

                if (kind == 1)
                {
                    this.seekTargets.Add(offset);
                }
            }
        }
    }

    /// <summary>Undoes the PNG predictors of a cross-reference stream (one byte a sample, /Columns bytes a row).</summary>
    private byte[] Unpredict(byte[] data, DictionaryValue? parameters)
    {
        int columns = (int)Math.Clamp(Integer(parameters?.Get("Columns")) ?? 1, 1, 1 << 16);
        int rows = data.Length / (columns + 1);
        byte[] output = new byte[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            this.CheckTime(r);
            int source = r * (columns + 1);
            int target = r * columns;
            byte filter = data[source];
            for (int c = 0; c < columns; c++)
            {
                int raw = data[source + 1 + c];
                int left = c > 0 ? output[target + c - 1] : 0;
                int up = r > 0 ? output[target - columns + c] : 0;
                int upLeft = r > 0 && c > 0 ? output[target - columns + c - 1] : 0;
                output[target + c] = (byte)(filter switch
                {
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + ((left + up) / 2),
                    4 => raw + Paeth(left, up, upLeft),
                    _ => raw,
                });
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static long Field(byte[] rows, int at, int width)
    {
        long value = 0;
        for (int k = 0; k < width; k++)
        {
            value = (value << 8) | rows[at + k];
        }

        return value;
    }

    /// <summary>
    /// Inflates a Flate stream, counting what it expands to against <see cref="PdfLimits.MaxDecompressedBytes"/>;
    /// returns the bytes when <paramref name="keep"/>, else null. A damaged stream that is kept is refused; one that
    /// is not kept counts what inflated before the damage (PDFsharp copies it as it is).
    /// </summary>
    private byte[]? Inflate(byte[] pdf, int start, int end, bool keep)
    {
        var input = new MemoryStream(pdf, start, end - start, writable: false);
        bool zlibHeader = end - start >= 2 && (pdf[start] & 0x0F) == 8 && ((pdf[start] << 8) | pdf[start + 1]) % 31 == 0;
        using Stream inflater = zlibHeader ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
        using var output = keep ? new MemoryStream() : null;
        byte[] chunk = new byte[ChunkBytes];
        try
        {
            int read;
            int chunks = 0;
            while ((read = inflater.Read(chunk, 0, chunk.Length)) > 0)
            {
                this.CheckTime(chunks++);
                this.decompressed += read;
                if (this.decompressed > this.limits.MaxDecompressedBytes)
                {
                    throw new RefusedException(
                        $"The PDF's compressed contents expand to more than {Size(this.limits.MaxDecompressedBytes)}, which letters never need; {SaveAgain}.");
                }

                output?.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException) when (!keep)
        {
            return null;
        }
        catch (InvalidDataException)
        {
            throw Unreadable("a compressed object stream is damaged");
        }

        return output?.ToArray();
    }

    private static List<string> Filters(object? filter) => filter switch
    {
        NameToken name => [name.Value],
        ArrayValue array => [.. array.Items.Select(i => (i as NameToken)?.Value ?? "?")],
        _ => [],
    };

    private static DictionaryValue? Parameters(DictionaryValue dict) => dict.Get("DecodeParms") switch
    {
        DictionaryValue d => d,
        ArrayValue a => a.Items.FirstOrDefault() as DictionaryValue,
        _ => null,
    };

    private static long? Integer(object? value) => value as long?;
}
