using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Circulation.Rendering;

/// <summary>
/// A bounded check of an uploaded PDF's structure, run before PDFsharp parses it: one linear pass over the raw bytes
/// (and over each object stream, which it decompresses itself under a cap) that refuses a file nesting arrays and
/// dictionaries deeper than <see cref="PdfLimits.MaxNestingDepth"/>, expanding to more than
/// <see cref="PdfLimits.MaxDecompressedBytes"/>, with more than <see cref="PdfLimits.MaxObjects"/> objects or
/// <see cref="PdfLimits.MaxPages"/> pages, or taking longer than <see cref="PdfLimits.MaxInspectionTime"/>.
/// </summary>
/// <remarks>
/// PDFsharp's parser recurses once per nesting level, and a stack overflow ends the process (it cannot be caught), so
/// the depth must be known before it runs. The depth counted here is clamped at zero and never reset, so at every
/// byte it is at least the depth a parser starting anywhere earlier would have reached. That bound holds only where
/// the parser reads the bytes the way this pass does, which is why every offset the reader seeks to (cross-reference
/// entries, startxref, /Prev, /XRefStm, object-stream offsets) must land outside the regions this pass did not read as
/// structure (stream data, strings, comments): a cross-reference entry pointing into a stream's data could otherwise
/// hide objects from this pass.
/// </remarks>
internal sealed class PdfStructureScan
{
    /// <summary>What the uploader is told about an encrypted PDF.</summary>
    public const string EncryptedMessage = "The PDF is encrypted (it has a password or restricted permissions). Upload a copy saved without security.";

    private const string SaveAgain = "save it again from the program that made it";
    private const int ChunkBytes = 64 * 1024;
    private const int MaxArrayItemsKept = 4096;
    private const int MaxNameBytes = 127;

    private static readonly HashSet<string> KeptKeys = new(StringComparer.Ordinal)
    {
        "Type", "Subtype", "Filter", "DecodeParms", "Predictor", "Columns", "N", "First", "W", "Index", "Size", "Prev", "XRefStm", "Encrypt",
    };

    private readonly PdfLimits limits;
    private readonly long deadline;
    private readonly List<StreamData> streams = [];
    private readonly List<long> seekTargets = [];
    private long decompressed;
    private int objects;
    private int entries;
    private int pages;
    private bool encrypted;

    private PdfStructureScan(PdfLimits limits)
    {
        this.limits = limits;
        this.deadline = Stopwatch.GetTimestamp() + (long)(limits.MaxInspectionTime.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Checks <paramref name="pdf"/>; returns why it is refused, in words for the uploader, or null when PDFsharp may read it.</summary>
    public static string? Check(byte[] pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(limits);
        var scan = new PdfStructureScan(limits);
        try
        {
            scan.Run(pdf);
            return null;
        }
        catch (RefusedException refused)
        {
            return refused.Message;
        }
    }

    private void Run(byte[] pdf)
    {
        var opaque = new BitArray(pdf.Length);
        new Pass(this, pdf, pdf.Length, opaque, topLevel: true).Tokenize();
        if (this.encrypted)
        {
            throw new RefusedException(EncryptedMessage);
        }

        foreach (var stream in this.streams)
        {
            this.ReadStream(pdf, stream);
        }

        foreach (long target in this.seekTargets)
        {
            if (target >= 0 && target < pdf.Length && opaque[(int)target])
            {
                throw new RefusedException($"The PDF's cross-reference table points into the middle of its data, which a well-formed PDF never does; {SaveAgain}.");
            }
        }
    }

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

    private void CountObjects(long count)
    {
        this.objects = (int)Math.Min(int.MaxValue, this.objects + count);
        if (this.objects > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }
    }

    private void CountEntry()
    {
        if (++this.entries > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }
    }

    private RefusedException TooManyObjects() =>
        new(string.Create(CultureInfo.InvariantCulture, $"The PDF has more than {this.limits.MaxObjects:N0} objects, which letters never need; {SaveAgain}."));

    private void CountPage()
    {
        if (++this.pages > this.limits.MaxPages)
        {
            throw new RefusedException(string.Create(
                CultureInfo.InvariantCulture, $"The PDF has more than {this.limits.MaxPages:N0} pages, the most an enclosure may have; split it or shorten it."));
        }
    }

    private void TrailerFound(DictionaryValue trailer)
    {
        this.encrypted |= trailer.Get("Encrypt") is not null;
        if (Integer(trailer.Get("Size")) > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }

        foreach (string key in (string[])["Prev", "XRefStm"])
        {
            if (Integer(trailer.Get(key)) is { } offset)
            {
                this.seekTargets.Add(offset);
            }
        }
    }

    private void CheckTime(int step)
    {
        if ((step & 0xFF) == 0 && Stopwatch.GetTimestamp() > this.deadline)
        {
            throw new RefusedException(string.Create(
                CultureInfo.InvariantCulture,
                $"The PDF took longer than {this.limits.MaxInspectionTime.TotalSeconds:0.#} seconds to check, which letters never need; {SaveAgain}."));
        }
    }

    private RefusedException TooDeep() =>
        new(string.Create(CultureInfo.InvariantCulture, $"The PDF nests its structures deeper than {this.limits.MaxNestingDepth} levels, which letters never need; {SaveAgain}."));

    private static RefusedException Unreadable(string why) =>
        new($"The PDF cannot be read ({why}). Upload a copy re-saved from a PDF reader or exported again.");

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>A name, e.g. /Type (without the slash, #xx escapes decoded).</summary>
    private sealed record NameToken(string Value);

    /// <summary>A keyword such as R, obj or true.</summary>
    private sealed record KeywordToken(string Value);

    /// <summary>A reference "n g R".</summary>
    private sealed record ReferenceToken(long Number);

    /// <summary>Any other value (a real, a string), kept only as a placeholder.</summary>
    private sealed record OtherToken
    {
        public static OtherToken Instance { get; } = new();
    }

    /// <summary>An array; only its first <see cref="MaxArrayItemsKept"/> items are kept.</summary>
    private sealed record ArrayValue(List<object> Items, bool Truncated);

    /// <summary>A dictionary; only the entries <see cref="KeptKeys"/> names are kept.</summary>
    private sealed class DictionaryValue
    {
        public Dictionary<string, object> Entries { get; } = new(StringComparer.Ordinal);

        public object? Get(string key) => this.Entries.GetValueOrDefault(key);
    }

    /// <summary>A stream's dictionary and where its data lies in the file.</summary>
    private sealed record StreamData(DictionaryValue Dictionary, int Start, int End);

    /// <summary>An array or dictionary being read.</summary>
    private sealed class Frame(bool isDictionary)
    {
        public bool IsDictionary { get; } = isDictionary;

        public List<object> Items { get; } = [];

        public bool Truncated { get; set; }

        public DictionaryValue Dictionary { get; } = new();

        public string? Key { get; set; }

        public List<object> Values { get; } = [];

        public void Add(object value)
        {
            if (!this.IsDictionary)
            {
                if (value is KeywordToken { Value: "R" } && this.Items.Count >= 2 && this.Items[^1] is long && this.Items[^2] is long number)
                {
                    this.Items.RemoveRange(this.Items.Count - 2, 2);
                    this.Items.Add(new ReferenceToken(number));
                }
                else if (this.Items.Count < MaxArrayItemsKept)
                {
                    this.Items.Add(value);
                }
                else
                {
                    this.Truncated = true;
                }

                return;
            }

            if (value is NameToken name && (this.Key is null || this.Values.Count > 0))
            {
                this.Finish();
                this.Key = name.Value;
            }
            else if (this.Key is not null && this.Values.Count < 3)
            {
                this.Values.Add(value);
            }
        }

        public object Close()
        {
            if (!this.IsDictionary)
            {
                return new ArrayValue(this.Items, this.Truncated);
            }

            this.Finish();
            return this.Dictionary;
        }

        private void Finish()
        {
            if (this.Key is { } key && KeptKeys.Contains(key) && this.Values.Count > 0)
            {
                this.Dictionary.Entries[key] = this.Values is [long number, long, KeywordToken { Value: "R" }] ? new ReferenceToken(number) : this.Values[0];
            }

            this.Key = null;
            this.Values.Clear();
        }
    }

    /// <summary>One linear tokenizing pass over a buffer (the file, or a decompressed object stream).</summary>
    private sealed class Pass(PdfStructureScan scan, byte[] data, int end, BitArray opaque, bool topLevel)
    {
        private readonly List<Frame> frames = [];
        private readonly List<long> xrefNumbers = [];
        private int depth;
        private int position;
        private int tokens;
        private DictionaryValue? lastDictionary;
        private object? previous;
        private object? beforePrevious;
        private bool inXRefTable;
        private bool trailerNext;
        private bool startXRefNext;

        /// <summary>Reads the buffer to its end.</summary>
        public void Tokenize()
        {
            while (this.Next() is { } token)
            {
                this.Take(token);
            }
        }

        /// <summary>Up to <paramref name="count"/> integers from the start of the buffer (an object stream's header).</summary>
        public List<long> Integers(int count)
        {
            var found = new List<long>();
            while (found.Count < count && this.Next() is long number)
            {
                found.Add(number);
            }

            return found;
        }

        /// <summary>The next token, or null at the end. Arrays and dictionaries come back as <see cref="Delimiter"/>s.</summary>
        private object? Next()
        {
            while (this.position < end)
            {
                scan.CheckTime(this.tokens++);
                int start = this.position;
                byte b = data[start];
                switch (b)
                {
                    case 0 or 9 or 10 or 12 or 13 or 32:
                        this.position++;
                        continue;
                    case (byte)'%':
                        this.position = this.SkipTo(start, static c => c is (byte)'\r' or (byte)'\n');
                        this.Opaque(start + 1, this.position);
                        continue;
                    case (byte)'(':
                        this.position = this.SkipLiteralString(start);
                        this.Opaque(start + 1, this.position);
                        return OtherToken.Instance;
                    case (byte)'<' when start + 1 < end && data[start + 1] == (byte)'<':
                        this.position += 2;
                        return Delimiter.DictionaryOpen;
                    case (byte)'<':
                        this.position = Math.Min(end, this.SkipTo(start, static c => c == (byte)'>') + 1);
                        this.Opaque(start + 1, this.position);
                        return OtherToken.Instance;
                    case (byte)'>':
                        bool pair = start + 1 < end && data[start + 1] == (byte)'>';
                        this.position += pair ? 2 : 1;
                        if (pair)
                        {
                            return Delimiter.DictionaryClose;
                        }

                        continue;
                    case (byte)'[':
                        this.position++;
                        return Delimiter.ArrayOpen;
                    case (byte)']':
                        this.position++;
                        return Delimiter.ArrayClose;
                    case (byte)')' or (byte)'{' or (byte)'}':
                        this.position++;
                        continue;
                    case (byte)'/':
                        this.position = this.SkipTo(start + 1, IsDelimiterOrSpace);
                        return new NameToken(DecodeName(data.AsSpan(start + 1, this.position - start - 1)));
                    default:
                        this.position = this.SkipTo(start, IsDelimiterOrSpace);
                        return Regular(data.AsSpan(start, this.position - start));
                }
            }

            return null;
        }

        private void Take(object token)
        {
            switch (token)
            {
                case Delimiter.DictionaryOpen or Delimiter.ArrayOpen:
                    if (++this.depth > scan.limits.MaxNestingDepth)
                    {
                        throw scan.TooDeep();
                    }

                    this.frames.Add(new Frame(token is Delimiter.DictionaryOpen));
                    return;
                case Delimiter.DictionaryClose or Delimiter.ArrayClose:
                    this.depth = Math.Max(0, this.depth - 1);
                    if (this.frames.Count > 0)
                    {
                        var frame = this.frames[^1];
                        this.frames.RemoveAt(this.frames.Count - 1);
                        this.Value(frame.Close());
                    }

                    return;
                default:
                    this.Value(token);
                    return;
            }
        }

        private void Value(object value)
        {
            if (value is DictionaryValue dict && (dict.Get("Type") as NameToken)?.Value == "Page")
            {
                scan.CountPage();
            }

            if (this.frames.Count > 0)
            {
                this.frames[^1].Add(value);
                return;
            }

            if (topLevel)
            {
                this.TopLevel(value);
            }

            this.beforePrevious = this.previous;
            this.previous = value;
        }

        /// <summary>A value outside any array or dictionary in the file: object headers, streams, xref tables, trailers.</summary>
        private void TopLevel(object value)
        {
            if (this.startXRefNext)
            {
                this.startXRefNext = false;
                if (value is long offset)
                {
                    scan.seekTargets.Add(offset);
                }
            }

            if (this.inXRefTable)
            {
                switch (value)
                {
                    case long number:
                        this.xrefNumbers.Add(number);
                        return;
                    case KeywordToken { Value: "n" or "f" } entry:
                        if (entry.Value == "n" && this.xrefNumbers.Count >= 2)
                        {
                            scan.CountEntry();
                            scan.seekTargets.Add(this.xrefNumbers[^2]);
                        }

                        this.xrefNumbers.Clear();
                        return;
                    default:
                        this.inXRefTable = false;
                        this.xrefNumbers.Clear();
                        break;
                }
            }

            switch (value)
            {
                case DictionaryValue dict:
                    this.lastDictionary = dict;
                    if (this.trailerNext)
                    {
                        this.trailerNext = false;
                        scan.TrailerFound(dict);
                    }

                    break;
                case KeywordToken { Value: "obj" } when this.previous is long && this.beforePrevious is long:
                    scan.CountObjects(1);
                    this.frames.Clear();
                    this.lastDictionary = null;
                    break;
                case KeywordToken { Value: "endobj" }:
                    this.lastDictionary = null;
                    break;
                case KeywordToken { Value: "stream" }:
                    this.SkipStreamData();
                    break;
                case KeywordToken { Value: "xref" }:
                    this.inXRefTable = true;
                    break;
                case KeywordToken { Value: "trailer" }:
                    this.trailerNext = true;
                    break;
                case KeywordToken { Value: "startxref" }:
                    this.startXRefNext = true;
                    break;
                default:
                    break;
            }
        }

        /// <summary>Skips a stream's data (up to "endstream"), remembering it for the second phase if it has a dictionary.</summary>
        private void SkipStreamData()
        {
            int start = this.position;
            if (start < end && data[start] == (byte)'\r')
            {
                start++;
            }

            if (start < end && data[start] == (byte)'\n')
            {
                start++;
            }

            int found = data.AsSpan(start, end - start).IndexOf("endstream"u8);
            int stop = found < 0 ? end : start + found;
            this.Opaque(start, stop);
            this.position = found < 0 ? end : stop + "endstream".Length;
            if (this.lastDictionary is { } dict)
            {
                if ((dict.Get("Type") as NameToken)?.Value == "XRef")
                {
                    scan.TrailerFound(dict);
                }

                scan.streams.Add(new StreamData(dict, start, stop));
            }

            this.lastDictionary = null;
        }

        private int SkipLiteralString(int start)
        {
            int nesting = 0;
            int i = start;
            while (i < end)
            {
                byte c = data[i];
                if (c == (byte)'\\')
                {
                    i += 2;
                    continue;
                }

                if (c == (byte)'(')
                {
                    nesting++;
                }
                else if (c == (byte)')' && --nesting == 0)
                {
                    return i + 1;
                }

                i++;
            }

            return end;
        }

        private int SkipTo(int from, Func<byte, bool> stop)
        {
            int i = from;
            while (i < end && !stop(data[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>Marks bytes this pass did not read as structure. A token's first byte is not marked: a reader starting there reads it as this pass did.</summary>
        private void Opaque(int from, int to)
        {
            for (int i = from; i < to && i < opaque.Length; i++)
            {
                opaque[i] = true;
            }
        }

        private static bool IsDelimiterOrSpace(byte c) =>
            c is 0 or 9 or 10 or 12 or 13 or 32 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
                or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

        private static object Regular(ReadOnlySpan<byte> text)
        {
            if (text.Length <= 18 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
            {
                return number;
            }

            return text.Length is > 0 and <= 16 && (char.IsAsciiLetter((char)text[0]) || text[0] == (byte)'\'' || text[0] == (byte)'"')
                ? new KeywordToken(Encoding.ASCII.GetString(text))
                : OtherToken.Instance;
        }

        private static string DecodeName(ReadOnlySpan<byte> raw)
        {
            var bytes = new List<byte>(Math.Min(raw.Length, MaxNameBytes));
            for (int i = 0; i < raw.Length && bytes.Count < MaxNameBytes; i++)
            {
                if (raw[i] == (byte)'#' && i + 2 < raw.Length
                    && byte.TryParse(raw.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte decoded))
                {
                    bytes.Add(decoded);
                    i += 2;
                }
                else
                {
                    bytes.Add(raw[i]);
                }
            }

            return Encoding.Latin1.GetString([.. bytes]);
        }
    }

    /// <summary>The brackets of arrays and dictionaries.</summary>
    private enum Delimiter
    {
        ArrayOpen,
        ArrayClose,
        DictionaryOpen,
        DictionaryClose,
    }

    /// <summary>Why the PDF is refused, thrown from anywhere in the scan and caught in <see cref="Check"/>.</summary>
    private sealed class RefusedException(string message) : Exception(message);
}
