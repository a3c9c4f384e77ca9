using System.Globalization;
using System.Text;
using Circulation.Rendering;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;

namespace Circulation.Tests.Rendering;

public sealed class PdfLetterRendererTests
{
    private const double Mm = 72 / 25.4;
    private const string PresidentName = "Amina Rahman";
    private const string Addressee1 = "All Permanent Representatives and Permanent Observers to the United Nations";

    private static readonly PdfLetterRenderer Renderer = new();

    private static readonly string ShortBody = """
        Further to my letter dated 13 December 2017, I have the honour to inform you that, pursuant to
        oral decision 71/553, the informal consultations on the revitalization of the work of the
        General Assembly will resume in the coming weeks.

        The co-facilitators will convene meetings on the following dates:
        - 27-28 February 2018, Conference Room 2;
        - 12 March 2018, Conference Room 4.

        I encourage all delegations to participate actively in these consultations.
        """;

    [Fact]
    public void ShortSignedLetter_RendersOneA4Page()
    {
        using var pdf = Open(Renderer.Render(Letter()));

        var page = Assert.Single(pdf.GetPages());
        Assert.Equal(595, page.Width, 0);
        Assert.Equal(842, page.Height, 0);
    }

    [Fact]
    public void ShortLetter_TextAppearsInLetterOrder()
    {
        using var pdf = Open(Renderer.Render(Letter()));
        var text = AllText(pdf);

        string[] expectedOrder =
        [
            "THE PRESIDENT", "OF THE", "GENERAL ASSEMBLY", "7 November 2007", "Excellency,",
            "Further to my letter dated 13 December 2017", "The co-facilitators will convene",
            "27-28 February 2018, Conference Room 2;", "12 March 2018, Conference Room 4.",
            "I encourage all delegations", "Please accept, Excellency, the assurances of my highest consideration.",
            PresidentName, "President of the General Assembly", Addressee1, "New York",
        ];
        var position = -1;
        foreach (var expected in expectedOrder)
        {
            var next = text.IndexOf(expected, position + 1, StringComparison.Ordinal);
            Assert.True(next > position, $"'{expected}' not found after position {position} in:\n{text}");
            position = next;
        }
    }

    [Fact]
    public void ShortLetter_FollowsThePageLayout()
    {
        using var pdf = Open(Renderer.Render(Letter()));
        var page = pdf.GetPage(1);
        var words = page.GetWords().ToList();

        Word Find(string text) => words.First(w => w.Text == text);

        var letterhead = Find("PRESIDENT");
        var date = Find("2007");
        var salutation = Find("Excellency,");
        var newYork = words.Last(w => w.Text == "York");

        // Letterhead centred, date right-aligned on the 25 mm margin, salutation on the left margin (PDF y grows upwards).
        var centre = (Find("THE").BoundingBox.Left + letterhead.BoundingBox.Right) / 2;
        Assert.InRange(centre, (page.Width / 2) - 3, (page.Width / 2) + 3);
        Assert.InRange(date.BoundingBox.Right, page.Width - (25 * Mm) - 2, page.Width - (25 * Mm) + 1);
        Assert.InRange(salutation.BoundingBox.Left, (25 * Mm) - 1, (25 * Mm) + 1);
        Assert.True(letterhead.BoundingBox.Bottom > date.BoundingBox.Top);
        Assert.True(date.BoundingBox.Bottom > salutation.BoundingBox.Top);

        // The addressee block sits at the bottom left of the page, above the bottom margin.
        Assert.InRange(newYork.BoundingBox.Bottom, 25 * Mm, 35 * Mm);
        Assert.InRange(words.Last(w => w.Text == "New").BoundingBox.Left, (25 * Mm) - 1, (25 * Mm) + 1);

        // Nothing is drawn outside the page margins (bar the page furniture, none on a signed first page).
        foreach (var word in words)
        {
            Assert.InRange(word.BoundingBox.Left, (25 * Mm) - 1, page.Width - (25 * Mm) + 1);
            Assert.InRange(word.BoundingBox.Right, (25 * Mm) - 1, page.Width - (25 * Mm) + 1);
        }
    }

    [Fact]
    public void JustifiedBody_LinesEndOnTheRightMargin()
    {
        var body = string.Join(' ', Enumerable.Repeat("The General Assembly, in its resolution 60/288, adopted the Strategy.", 6));
        using var pdf = Open(Renderer.Render(Letter() with { Body = body }));
        var page = pdf.GetPage(1);
        var lineEnds = page.GetWords()
            .Where(w => w.Text is not ("THE" or "PRESIDENT" or "OF" or "GENERAL" or "ASSEMBLY"))
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .Select(g => g.Max(w => w.BoundingBox.Right))
            .ToList();

        // The full lines of the paragraph all end at the right margin.
        var rightMargin = page.Width - (25 * Mm);
        Assert.True(lineEnds.Count(end => Math.Abs(end - rightMargin) < 1.5) >= 3, string.Join(", ", lineEnds));
        Assert.All(lineEnds, end => Assert.True(end <= rightMargin + 1, $"line ends at {end}"));
    }

    [Theory]
    [InlineData(2007, 11, 7, "7 November 2007")]
    [InlineData(2018, 2, 27, "27 February 2018")]
    [InlineData(2026, 1, 1, "1 January 2026")]
    public void Date_IsWrittenInWordsWithoutLeadingZero(int year, int month, int day, string expected)
    {
        using var pdf = Open(Renderer.Render(Letter() with { Date = new DateOnly(year, month, day) }));

        var text = AllText(pdf);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(string.Create(CultureInfo.InvariantCulture, $"0{day} "), text, StringComparison.Ordinal);
    }

    [Fact]
    public void DateFormatter_IgnoresTheMachineCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");

            Assert.Equal("7 November 2007", LetterDateFormatter.Format(new DateOnly(2007, 11, 7)));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void LongLetter_FlowsOntoNumberedPages()
    {
        using var pdf = Open(Renderer.Render(Letter() with { Body = LongBody(15) }));

        Assert.True(pdf.NumberOfPages >= 2, $"{pdf.NumberOfPages} page(s)");
        Assert.DoesNotContain("- 1 -", PageText(pdf.GetPage(1)), StringComparison.Ordinal);
        for (var number = 2; number <= pdf.NumberOfPages; number++)
        {
            Assert.Contains($"- {number} -", PageText(pdf.GetPage(number)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LongLetter_LosesNoTextAcrossPageBreaks()
    {
        var body = LongBody(15);
        using var pdf = Open(Renderer.Render(Letter() with { Body = body }));

        // Every word of the body comes out, in order (page numbers and the addressee block may come between).
        var rendered = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        var position = 0;
        foreach (var word in Normalize(body).Split(' '))
        {
            while (position < rendered.Count && rendered[position] != word)
            {
                position++;
            }

            Assert.True(position < rendered.Count, $"'{word}' is missing");
            position++;
        }

        Assert.Equal(15, rendered.Count(w => w == "Paragraph"));
    }

    [Fact]
    public void LongLetter_KeepsTheAddresseeOnTheFirstPageAndTheSignatureWithTheClose()
    {
        using var pdf = Open(Renderer.Render(Letter() with { Body = LongBody(15) }));

        Assert.Contains(Addressee1, PageText(pdf.GetPage(1)), StringComparison.Ordinal);
        var lastPage = PageText(pdf.GetPage(pdf.NumberOfPages));
        Assert.Contains("highest consideration", lastPage, StringComparison.Ordinal);
        Assert.Contains(PresidentName, lastPage, StringComparison.Ordinal);
        Assert.Single(pdf.GetPage(pdf.NumberOfPages).GetImages());
    }

    [Fact]
    public void LongLetter_BodyStaysWithinTheMargins()
    {
        using var pdf = Open(Renderer.Render(Letter() with { Body = LongBody(15), Signed = false }));

        foreach (var page in pdf.GetPages())
        {
            foreach (var word in page.GetWords().Where(w => !w.Text.StartsWith("DRAFT", StringComparison.Ordinal)))
            {
                Assert.InRange(word.BoundingBox.Right, 0, page.Width - (25 * Mm) + 1);
                Assert.InRange(word.BoundingBox.Left, (25 * Mm) - 1, page.Width);
            }

            // Body text ends above the bottom margin; only the page number goes below it.
            var lowest = page.GetWords().Where(w => w.Text is not ("-" or "2" or "3" or "4")).Min(w => w.BoundingBox.Bottom);
            Assert.True(lowest >= (25 * Mm) - 4, $"page {page.Number}: text down to {lowest}");
        }
    }

    [Fact]
    public void Fonts_AreEmbeddedLiberationSerif()
    {
        var bytes = Renderer.Render(Letter());
        using var pdf = Open(bytes);

        var fontNames = pdf.GetPages().SelectMany(p => p.Letters).Select(l => (l.FontName ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(fontNames);
        Assert.All(fontNames, name => Assert.Contains("LiberationSerif", name, StringComparison.Ordinal));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void NonLatinNames_RenderAndExtract()
    {
        var body = "The delegations of Côte d'Ivoire, Türkiye, Россия and Ελλάδα, as well as São Tomé and Príncipe, have co-sponsored the draft.";
        var signatory = new SignatureBlock("Ιωάννης Παπαδόπουλος", "Постоянный представитель", Signature());
        using var pdf = Open(Renderer.Render(Letter() with { Body = body, Signatories = [signatory] }));

        var text = Normalize(AllText(pdf));
        foreach (var name in new[] { "Côte d'Ivoire", "Türkiye", "Россия", "Ελλάδα", "São Tomé and Príncipe", "Ιωάννης Παπαδόπουλος", "Постоянный представитель" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SignedLetter_ShowsTheSignatureImageAndNoDraftMark()
    {
        using var pdf = Open(Renderer.Render(Letter()));

        var lastPage = pdf.GetPage(pdf.NumberOfPages);
        var image = Assert.Single(lastPage.GetImages());
        Assert.InRange(image.BoundingBox.Width, (45 * Mm) - 1, (45 * Mm) + 1);
        Assert.DoesNotContain("DRAFT", AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedLetter_HasNoSignatureImageAndADraftMarkOnEveryPage()
    {
        var letter = Letter() with { Body = LongBody(15), Signed = false, Version = 4 };
        using var pdf = Open(Renderer.Render(letter));

        Assert.True(pdf.NumberOfPages >= 2);
        Assert.All(pdf.GetPages(), page =>
        {
            Assert.Empty(page.GetImages());
            Assert.Contains("DRAFT \u2014 version 4 \u2014 not for circulation", PageText(page), StringComparison.Ordinal);
        });
        Assert.Contains(PresidentName, AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedLetter_LeavesTheSignatureSpaceEmpty()
    {
        using var signed = Open(Renderer.Render(Letter()));
        using var unsigned = Open(Renderer.Render(Letter() with { Signed = false }));

        // The typed name sits at the same height whether or not the signature image is drawn.
        static double NameTop(PdfDocument pdf) => pdf.GetPage(1).GetWords().First(w => w.Text == "Rahman").BoundingBox.Top;
        Assert.Equal(NameTop(signed), NameTop(unsigned), 1);
    }

    [Fact]
    public void Metadata_DescribesTheLetter()
    {
        using var pdf = Open(Renderer.Render(Letter() with { LetterId = "L-2026-0042", Version = 7 }));

        var info = pdf.Information;
        Assert.Equal("Revitalization of the work of the General Assembly", info.Title);
        Assert.Equal("Office of the President of the General Assembly", info.Author);
        Assert.Equal("Letter L-2026-0042, version 7", info.Subject);
        Assert.Contains("L-2026-0042", info.Keywords, StringComparison.Ordinal);
        Assert.Contains("version 7", info.Keywords, StringComparison.Ordinal);
        Assert.Equal("Circulation", info.Creator);
    }

    [Fact]
    public void TwoSignatories_SignSideBySideWithOurHighestConsideration()
    {
        var signatories = new[]
        {
            new SignatureBlock("Giorgi Beridze", "Ambassador and Permanent Representative of Georgia", Signature()),
            new SignatureBlock("Ana Lucía Ferreira", "Ambassador and Permanent Representative of Uruguay", Signature()),
        };
        using var pdf = Open(Renderer.Render(Letter() with { Signatories = signatories }));

        var text = AllText(pdf);
        Assert.Contains("the assurances of our highest consideration.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("my highest consideration", text, StringComparison.Ordinal);

        var page = pdf.GetPage(pdf.NumberOfPages);
        var images = page.GetImages().ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(images[0].BoundingBox.Bottom, images[1].BoundingBox.Bottom, 1);
        var words = page.GetWords().ToList();
        var first = words.First(w => w.Text == "Beridze");
        var second = words.First(w => w.Text == "Ferreira");
        Assert.Equal(first.BoundingBox.Bottom, second.BoundingBox.Bottom, 1);
        Assert.True(first.BoundingBox.Right < second.BoundingBox.Left);
    }

    [Fact]
    public void FourSignatoriesWithShortTitles_SignTwoByTwo()
    {
        var signatories = Enumerable.Range(1, 4)
            .Select(i => new SignatureBlock($"Signatory{i} Name", $"Co-facilitator {i}", Signature()))
            .ToArray();
        using var pdf = Open(Renderer.Render(Letter() with { Signatories = signatories }));

        var page = pdf.GetPage(pdf.NumberOfPages);
        var words = page.GetWords().ToList();
        var boxes = Enumerable.Range(1, 4).Select(i => words.First(w => w.Text == $"Signatory{i}").BoundingBox).ToList();

        // Rows of two: 1 beside 2, 3 beside 4, the second row below the first (PDF y grows upwards).
        Assert.Equal(boxes[0].Bottom, boxes[1].Bottom, 1);
        Assert.Equal(boxes[2].Bottom, boxes[3].Bottom, 1);
        Assert.True(boxes[0].Right < boxes[1].Left && boxes[2].Right < boxes[3].Left);
        Assert.True(boxes[2].Top < boxes[0].Bottom);
        Assert.Equal(4, page.GetImages().Count());
        Assert.Contains("our highest consideration", AllText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void SignatoriesWithLongNames_AreStackedInOrder()
    {
        var signatories = Enumerable.Range(1, 3)
            .Select(i => new SignatureBlock($"Signatory{i} Maximiliano Alejandro de la Fuente Echeverría", $"Co-facilitator {i}", Signature()))
            .ToArray();
        using var pdf = Open(Renderer.Render(Letter() with { Signatories = signatories }));

        var words = pdf.GetPages().SelectMany(p => p.GetWords().Select(w => (p.Number, Word: w))).ToList();
        var first = Enumerable.Range(1, 3).Select(i => words.First(w => w.Word.Text == $"Signatory{i}")).ToList();
        for (var i = 1; i < first.Count; i++)
        {
            Assert.True(first[i].Number > first[i - 1].Number || first[i].Word.BoundingBox.Top < first[i - 1].Word.BoundingBox.Bottom, "signatories are not stacked in order");
            Assert.Equal(first[0].Word.BoundingBox.Left, first[i].Word.BoundingBox.Left, 1);
        }

        Assert.Equal(3, pdf.GetPages().Sum(p => p.GetImages().Count()));
    }

    [Fact]
    public void SignatureBlock_StaysOnThePageOfTheClose()
    {
        // Grow the body a line at a time across a page break: wherever the break falls, the close and
        // the signature share a page, and the close is never left alone at the foot of the previous page.
        var movedToNewPage = 0;
        for (var sentences = 0; sentences <= 60; sentences += 2)
        {
            var body = LongBody(4) + "\n\n" + string.Join(' ', Enumerable.Repeat("We thank you.", sentences));
            using var pdf = Open(Renderer.Render(Letter() with { Body = body }));
            var lastPage = pdf.GetPage(pdf.NumberOfPages);
            var text = PageText(lastPage);
            Assert.Contains("highest consideration", text, StringComparison.Ordinal);
            Assert.Contains(PresidentName, text, StringComparison.Ordinal);
            Assert.Single(lastPage.GetImages());
            var pageNumber = $"- {pdf.NumberOfPages} -";
            if (text.Replace(pageNumber, string.Empty, StringComparison.Ordinal).TrimStart().StartsWith("Please accept", StringComparison.Ordinal))
            {
                movedToNewPage++;
            }
        }

        Assert.True(movedToNewPage > 0, "no case put the close at the top of a page: the test no longer crosses the break");
    }

    [Fact]
    public void BulletedLines_RenderAsBulletItems()
    {
        using var pdf = Open(Renderer.Render(Letter()));
        var words = pdf.GetPage(1).GetWords().ToList();

        var bullets = words.Where(w => w.Text == "\u2022").ToList();
        Assert.Equal(2, bullets.Count);
        var item = words.First(w => w.Text == "27-28");
        Assert.True(item.BoundingBox.Left > bullets[0].BoundingBox.Right);
        Assert.DoesNotContain(words, w => w.Text == "-");
    }

    [Fact]
    public void VeryLongWord_IsCutRatherThanLost()
    {
        var url = "https://www.un.org/pga/" + new string('x', 160) + "/programme.pdf";
        using var pdf = Open(Renderer.Render(Letter() with { Body = "The programme is available at " + url + " for all delegations." }));

        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("availableat" + url + "foralldelegations.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyAddresseeLines_MoveAfterTheSignature()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"Addressee line {i}").ToArray();
        using var pdf = Open(Renderer.Render(Letter() with { AddresseeLines = lines }));

        var text = AllText(pdf);
        Assert.True(text.IndexOf(PresidentName, StringComparison.Ordinal) < text.IndexOf("Addressee line 1", StringComparison.Ordinal));
        Assert.Contains("Addressee line 30", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyBodyAndNoSignatories_StillRenderTheFrame()
    {
        using var pdf = Open(Renderer.Render(Letter() with { Body = string.Empty, Signatories = [], AddresseeLines = [] }));

        var text = AllText(pdf);
        Assert.Contains("Excellency,", text, StringComparison.Ordinal);
        Assert.Contains("my highest consideration", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSignatureImage_ThrowsArgumentException()
    {
        var letter = Letter() with { Signatories = [new SignatureBlock("A B", "C", [1, 2, 3, 4])] };

        Assert.Throws<ArgumentException>(() => Renderer.Render(letter));
    }

    [Fact]
    public void ConcurrentRenders_GiveTheSameText()
    {
        var letter = Letter() with { Body = LongBody(8) };
        using var reference = Open(Renderer.Render(letter));
        var expected = AllText(reference);

        var results = new string[16];
        Parallel.For(0, results.Length, i =>
        {
            LetterFonts.EnsureInstalled();
            using var pdf = Open(new PdfLetterRenderer().Render(letter));
            results[i] = AllText(pdf);
        });

        Assert.All(results, text => Assert.Equal(expected, text));
    }

    [Fact]
    public void DefaultSignatureImage_IsEmbeddedAsPng()
    {
        var png = Signature();

        Assert.True(png.Length > 1000);
        Assert.Equal(0x89, png[0]);
        Assert.Equal("PNG"u8.ToArray(), png[1..4]);
    }

    private static LetterDocument Letter() => new(
        LetterId: "L-2007-0113",
        Version: 2,
        Subject: "Revitalization of the work of the General Assembly",
        Date: new DateOnly(2007, 11, 7),
        Body: ShortBody,
        Signatories: [new SignatureBlock(PresidentName, "President of the General Assembly", Signature())],
        AddresseeLines: [Addressee1, "New York"],
        Signed: true);

    private static byte[] Signature()
    {
        using var stream = typeof(PdfLetterRenderer).Assembly.GetManifestResourceStream("Circulation.Staff.Signatures.president.png")
            ?? throw new InvalidOperationException("default signature resource missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string LongBody(int paragraphs)
    {
        string[] sentences =
        [
            "The General Assembly, in its resolution 60/288, adopted the United Nations Global Counter-Terrorism Strategy.",
            "I have the honour to transmit herewith a letter from the co-facilitators of the intergovernmental negotiations.",
            "Member States are invited to submit their views in writing before the end of the month.",
            "In this regard, I wish to recall oral decision 71/553 and the relevant provisions of the rules of procedure.",
            "The meeting will take place in Conference Room 4 at United Nations Headquarters in New York.",
            "I count on the continued engagement and constructive spirit of all delegations.",
        ];
        return string.Join(
            "\n\n",
            Enumerable.Range(0, paragraphs).Select(p =>
                $"Paragraph {p + 1}. " + string.Join(' ', Enumerable.Range(0, 4).Select(s => sentences[(p + s) % sentences.Length]))));
    }

    private static PdfDocument Open(byte[] bytes) => PdfDocument.Open(bytes);

    private static string PageText(Page page) => ContentOrderTextExtractor.GetText(page);

    private static string AllText(PdfDocument pdf) => string.Join('\n', pdf.GetPages().Select(PageText));

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
