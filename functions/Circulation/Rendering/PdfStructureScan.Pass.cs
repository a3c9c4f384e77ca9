using System.Collections;
using System.Globalization;
using System.Text;

namespace Circulation.Rendering;

// The nesting check: one linear tokenizing pass that counts the depth of arrays and dictionaries, objects, pages and
// trailers.
internal sealed partial class PdfStructureScan
{
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
}
