using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// Writes a PDF byte by byte from object bodies, with a correct cross-reference table (or stream), so that tests can
/// make files no PDF library would write: hostile nesting, compression bombs, annotations and actions.
/// Object 1 is the catalog; bodies are PDF syntax in Latin-1.
/// </summary>
internal sealed class RawPdf
{
    private readonly List<byte[]> bodies = [];
    private readonly Dictionary<int, byte[]> compressed = [];

    /// <summary>Adds an object; returns its number (the first is 1).</summary>
    public int Add(string body) => this.Add(Latin1(body));

    /// <summary>Adds an object given as bytes; returns its number.</summary>
    public int Add(byte[] body)
    {
        this.bodies.Add(body);
        return this.bodies.Count;
    }

    /// <summary>Adds an object that goes into the file's one object stream (written with a cross-reference stream).</summary>
    public int AddCompressed(string body)
    {
        this.bodies.Add([]);
        this.compressed[this.bodies.Count] = Latin1(body);
        return this.bodies.Count;
    }

    /// <summary>Sets the body of an object added earlier (for objects that refer to later ones).</summary>
    public void Set(int number, string body) => this.bodies[number - 1] = Latin1(body);

    /// <summary>A stream object's body: the dictionary entries (without Length) and the data.</summary>
    public static byte[] Stream(string dictionary, byte[] data) =>
        [.. Latin1(string.Create(CultureInfo.InvariantCulture, $"<< {dictionary} /Length {data.Length} >>\nstream\n")), .. data, .. "\nendstream"u8];

    /// <summary>The zlib (Flate) compression of <paramref name="data"/>.</summary>
    public static byte[] Flate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// A valid zlib stream that inflates to <paramref name="zeros"/> zero bytes (a multiple of 16 MB) after
    /// <paramref name="prefix"/>, made by repeating one compressed 16 MB block of zeros: about a thousandth of the size.
    /// </summary>
    public static byte[] FlateZeros(byte[] prefix, long zeros)
    {
        const int Block = 16 * 1024 * 1024;
        byte[] zeroBlock = new byte[Block];
        using var compressed = new MemoryStream();
        byte[] opening, repeated;
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Flush ends each part on a byte boundary (a sync flush), so parts can be concatenated.
            deflate.Write(prefix);
            deflate.Write(zeroBlock);
            deflate.Flush();
            int mark = (int)compressed.Length;
            deflate.Write(zeroBlock);
            deflate.Flush();
            byte[] all = compressed.ToArray();
            opening = all[..mark];
            repeated = all[mark..];
        }

        using var output = new MemoryStream();
        output.Write([0x78, 0x9C]);
        output.Write(opening);
        for (long done = Block; done < zeros; done += Block)
        {
            output.Write(repeated);
        }

        output.Write([0x03, 0x00]); // a final, empty fixed-Huffman block
        uint a = 1, b = 0;
        foreach (byte x in prefix)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        b = (uint)((b + (a * (ulong)zeros)) % 65521);
        uint adler = (b << 16) | a;
        output.Write([(byte)(adler >> 24), (byte)(adler >> 16), (byte)(adler >> 8), (byte)adler]);
        return output.ToArray();
    }

    /// <summary>A one-page document to add objects to: 1 the catalog, 2 the page tree, 3 the page, 4 its content.</summary>
    public static RawPdf OnePage(string pageEntries = "", string catalogEntries = "")
    {
        var pdf = new RawPdf();
        pdf.Add($"<< /Type /Catalog /Pages 2 0 R {catalogEntries} >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> {pageEntries} >>");
        pdf.Add(Stream("", "BT ET"u8.ToArray()));
        return pdf;
    }

    /// <summary>The file: header, objects, cross-reference table (or stream, when objects are compressed), trailer.</summary>
    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        output.Write(Latin1("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n"));
        var offsets = new long[this.bodies.Count + 1];
        for (int n = 1; n <= this.bodies.Count; n++)
        {
            if (this.compressed.ContainsKey(n))
            {
                continue;
            }

            offsets[n] = output.Position;
            output.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"{n} 0 obj\n")));
            output.Write(this.bodies[n - 1]);
            output.Write("\nendobj\n"u8);
        }

        return this.compressed.Count == 0 ? WithXRefTable(output, offsets) : this.WithXRefStream(output, offsets);
    }

    private static byte[] WithXRefTable(MemoryStream output, long[] offsets)
    {
        long xref = output.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Length}\n0000000000 65535 f \n");
        for (int n = 1; n < offsets.Length; n++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offsets[n]:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Length} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Latin1(table.ToString()));
        return output.ToArray();
    }

    private byte[] WithXRefStream(MemoryStream output, long[] offsets)
    {
        // The object stream: a header of "number offset" pairs, then the objects.
        var header = new StringBuilder();
        var objects = new MemoryStream();
        var members = this.compressed.OrderBy(c => c.Key).ToList();
        foreach (var (number, body) in members)
        {
            header.Append(CultureInfo.InvariantCulture, $"{number} {objects.Position} ");
            objects.Write(body);
            objects.Write("\n"u8);
        }

        byte[] headerBytes = Latin1(header.ToString());
        int objectStream = offsets.Length;
        long objectStreamOffset = output.Position;
        output.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"{objectStream} 0 obj\n")));
        output.Write(Stream(
            string.Create(CultureInfo.InvariantCulture, $"/Type /ObjStm /N {members.Count} /First {headerBytes.Length} /Filter /FlateDecode"),
            Flate([.. headerBytes, .. objects.ToArray()])));
        output.Write("\nendobj\n"u8);

        int xrefNumber = objectStream + 1;
        long xrefOffset = output.Position;
        var rows = new MemoryStream();
        for (int n = 0; n <= xrefNumber; n++)
        {
            int index = members.FindIndex(m => m.Key == n);
            (byte type, long field2, int field3) = n == 0 ? ((byte)0, 0L, 65535)
                : index >= 0 ? ((byte)2, objectStream, index)
                : n == objectStream ? ((byte)1, objectStreamOffset, 0)
                : n == xrefNumber ? ((byte)1, xrefOffset, 0)
                : ((byte)1, offsets[n], 0);
            rows.Write([type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3]);
        }

        output.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"{xrefNumber} 0 obj\n")));
        output.Write(Stream(
            string.Create(CultureInfo.InvariantCulture, $"/Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"),
            Flate(rows.ToArray())));
        output.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n")));
        return output.ToArray();
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
