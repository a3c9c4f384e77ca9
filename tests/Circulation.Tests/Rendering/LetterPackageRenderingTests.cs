using System.Text;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Rendering;
using Circulation.Tests.TestSupport;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;

namespace Circulation.Tests.Rendering;

/// <summary>
/// The one PDF missions receive: the cover letter, then each enclosure in order, read back with PdfPig.
/// Packages are built from drafts by <see cref="LetterDocumentFactory"/> over the real mission directory.
/// </summary>
public sealed class LetterPackageRenderingTests
{
    private const string CoverSentence = "I have the honour to transmit herewith a letter from the Co-Chairs.";
    private const string EnclosedSentence = "We have the honour to write to you as Co-Chairs of the negotiations.";
    private const string AllAddressee = "All Permanent Representatives and Permanent Observers to the United Nations";
    private const string MembersAddressee = "All Permanent Representatives to the United Nations";

    private static readonly PdfLetterRenderer Renderer = new();
    private static readonly LetterDocumentFactory Factory = new(MissionDirectory.LoadEmbedded());
    private static readonly byte[] Programme = TestPdfs.Create(2, "PROGRAMME");
    private static readonly string ProgrammeId = UploadedDocuments.IdOf(Programme);

    [Fact]
    public void Package_CoverEnclosedLetterAndDocument_ComeInOrderAsOnePdf()
    {
        using var pdf = Open(Render(Draft(), signed: true));

        Assert.Equal(4, pdf.NumberOfPages);
        var pages = pdf.GetPages().Select(PageText).ToList();
        Assert.Contains("THE PRESIDENT", pages[0], StringComparison.Ordinal);
        Assert.Contains(CoverSentence, Normalize(pages[0]), StringComparison.Ordinal);
        Assert.Contains(EnclosedSentence, Normalize(pages[1]), StringComparison.Ordinal);
        Assert.Contains("PROGRAMME page 1", pages[2], StringComparison.Ordinal);
        Assert.Contains("PROGRAMME page 2", pages[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Package_CoverLetter_ListsItsEnclosuresUnderTheSignature()
    {
        using var pdf = Open(Render(Draft(), signed: true));

        var cover = Normalize(PageText(pdf.GetPage(1)));
        Assert.Contains(
            "Enclosures: Letter dated 20 November 2026 from Giorgi Beridze and Ana Lucía Ferreira; Programme of the meeting",
            cover,
            StringComparison.Ordinal);
        Assert.True(
            cover.IndexOf("President of the General Assembly", StringComparison.Ordinal) < cover.IndexOf("Enclosures:", StringComparison.Ordinal),
            "the enclosure note is not under the signature");
    }

    [Fact]
    public void Package_EnclosedLetter_HasItsOwnDateCloseSignatoriesAndAddressee_AndNoLetterhead()
    {
        using var pdf = Open(Render(Draft(), signed: true));

        var page = PageText(pdf.GetPage(2));
        Assert.DoesNotContain("THE PRESIDENT", page, StringComparison.Ordinal);
        AssertInOrder(
            Normalize(page),
            "20 November 2026", "Excellency,", EnclosedSentence, "Please accept, Excellency, the assurances of our highest consideration.",
            "Giorgi Beridze", "Ambassador and Permanent Representative of Georgia", AllAddressee, "New York");
    }

    [Fact]
    public void Package_SignatureImages_AreOnTheLastPageOfEachLetter()
    {
        var draft = Draft(coverParagraphs: 14, enclosedParagraphs: 14);
        using var pdf = Open(Render(draft, signed: true, enclosedImages: new() { ["pr.georgia@missions.example"] = Signature() }));

        var pages = pdf.GetPages().ToList();
        int enclosedStart = pages.FindIndex(p => Normalize(PageText(p)).Contains(EnclosedSentence[..40], StringComparison.Ordinal));
        int documentStart = pages.FindIndex(p => PageText(p).Contains("PROGRAMME page 1", StringComparison.Ordinal));
        Assert.True(enclosedStart >= 2 && documentStart >= enclosedStart + 2, $"cover {enclosedStart} page(s), enclosed letter {documentStart - enclosedStart}");

        // The cover's one image on its last page; the enclosed letter's image (Georgia) on its last page; none elsewhere.
        var images = pages.Select(p => p.GetImages().Count()).ToList();
        Assert.Equal(1, images[enclosedStart - 1]);
        Assert.Equal(1, images[documentStart - 1]);
        Assert.Equal(2, images.Sum());
        Assert.Contains("(Signed)", PageText(pages[documentStart - 1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Package_EachLetterNumbersItsOwnPagesFromTwo()
    {
        var draft = Draft(coverParagraphs: 14, enclosedParagraphs: 14);
        using var pdf = Open(Render(draft, signed: true));

        var pages = pdf.GetPages().Select(PageText).ToList();
        int enclosedStart = pages.FindIndex(p => Normalize(p).Contains(EnclosedSentence[..40], StringComparison.Ordinal));
        Assert.DoesNotContain("- 1 -", pages[0], StringComparison.Ordinal);
        Assert.Contains("- 2 -", pages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("- ", pages[enclosedStart][..20], StringComparison.Ordinal);
        Assert.Contains("- 2 -", pages[enclosedStart + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void DraftPackage_MarksEveryLetterPageButNotTheUploadedDocument()
    {
        using var pdf = Open(Render(Draft(), signed: false));

        var pages = pdf.GetPages().Select(PageText).ToList();
        Assert.Contains("DRAFT \u2014 version 3 \u2014 not for circulation", pages[0], StringComparison.Ordinal);
        Assert.Contains("DRAFT \u2014 version 3 \u2014 not for circulation", pages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", pages[2], StringComparison.Ordinal);

        // The cover is not signed yet: no image, no "(Signed)"; the enclosed letter was signed by its authors.
        Assert.Empty(pdf.GetPage(1).GetImages());
        Assert.DoesNotContain("(Signed)", pages[0], StringComparison.Ordinal);
        Assert.Equal(2, CountOf("(Signed)", pages[1]));
    }

    [Fact]
    public void Package_SignatoryWithoutImage_GetsSignedAboveTheName()
    {
        using var pdf = Open(Render(Draft(), signed: true));

        var words = pdf.GetPage(2).GetWords().ToList();
        var signed = words.Where(w => w.Text == "(Signed)").ToList();
        Assert.Equal(2, signed.Count);
        var beridze = words.First(w => w.Text == "Beridze");
        var ferreira = words.First(w => w.Text == "Ferreira");
        Assert.True(signed[0].BoundingBox.Bottom > beridze.BoundingBox.Top, "(Signed) is not above the name");
        Assert.True(signed[0].BoundingBox.Right < ferreira.BoundingBox.Left, "the two signatories are not side by side");
    }

    [Fact]
    public void Package_Metadata_ComesFromTheCoverLetter()
    {
        using var pdf = Open(Render(Draft(), signed: true));

        Assert.Equal("Intergovernmental negotiations on Security Council reform", pdf.Information.Title);
        Assert.Equal("Office of the President of the General Assembly", pdf.Information.Author);
        Assert.Equal("Letter L20261123-101500-ABCDEF, version 3", pdf.Information.Subject);
        Assert.Contains("L20261123-101500-ABCDEF", pdf.Information.Keywords, StringComparison.Ordinal);
        Assert.Contains("version 3", pdf.Information.Keywords, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_LettersUseOnlyTheEmbeddedLiberationSerif()
    {
        var bytes = Render(Draft(), signed: true);
        using var pdf = Open(bytes);

        var letterPages = pdf.GetPages().Take(2);
        Assert.All(letterPages.SelectMany(p => p.Letters), l => Assert.Contains("LiberationSerif", (l.FontName ?? "").Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("permanent-representatives", MembersAddressee)]
    [InlineData("permanent-representatives-and-observers", AllAddressee)]
    public void Package_AddresseeBlock_MatchesTheDistributionList(string list, string addressee)
    {
        using var pdf = Open(Render(Draft() with { DistributionList = list, Enclosures = null }, signed: true));

        var words = pdf.GetPage(1).GetWords().ToList();
        var lines = words.GroupBy(w => Math.Round(w.BoundingBox.Bottom)).OrderBy(g => g.Key).Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))).ToList();
        Assert.Equal("New York", lines[0]);
        Assert.Equal(addressee, lines[1]);
    }

    [Fact]
    public void Package_Date_IsWrittenInWords()
    {
        using var pdf = Open(Render(Draft() with { Date = new DateOnly(2007, 11, 7) }, signed: true));

        Assert.Contains("7 November 2007", PageText(pdf.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void SignedLetter_RenderedAgain_StillCarriesItsSignatureImage()
    {
        // Decoded signature images are cached per thread: a second document must get the image as well.
        var draft = Draft() with { Enclosures = null };
        using var first = Open(Render(draft, signed: true));
        using var second = Open(Render(draft, signed: true));

        var a = Assert.Single(first.GetPage(1).GetImages());
        var b = Assert.Single(second.GetPage(1).GetImages());
        Assert.Equal(a.RawBytes.ToArray(), b.RawBytes.ToArray());
        Assert.True(a.RawBytes.Length > 1000);
    }

    // Attack: an enclosure whose page carries a web link, JavaScript, a launch action, an attached executable and a
    // form field (and whose catalog opens with JavaScript) goes out under the President's signature.
    [Fact]
    public void Package_EnclosingAnInteractivePdf_KeepsItsPageButNoAnnotationActionFormOrFile()
    {
        byte[] hostile = HostilePdfs.Interactive();
        Assert.Equal(HostilePdfs.InteractiveNames.Order(StringComparer.Ordinal), HostilePdfs.InteractiveNamesIn(hostile).Order(StringComparer.Ordinal));
        using (var input = Open(hostile))
        {
            Assert.Equal(5, input.GetPage(1).GetAnnotations().Count());
        }

        var draft = Draft() with { Enclosures = [new EnclosedDocument(UploadedDocuments.IdOf(hostile), "Programme")] };
        var package = Factory.CreatePackage(
            "L20261123-101500-ABCDEF", 3, draft, Signature(), new Dictionary<string, byte[]>(), new Dictionary<string, byte[]> { [UploadedDocuments.IdOf(hostile)] = hostile });
        byte[] bytes = Renderer.Render(package);

        Assert.Empty(HostilePdfs.InteractiveNamesIn(bytes));
        using var pdf = Open(bytes);
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Contains("INTERACTIVE page 1", PageText(pdf.GetPage(2)), StringComparison.Ordinal);
        Assert.All(pdf.GetPages(), page => Assert.Empty(page.GetAnnotations()));
    }

    // A document stored before uploads were checked is checked again before PDFsharp parses it.
    [Fact]
    public void Package_EnclosingAStoredDocumentThatNestsTooDeeply_IsRefusedWithoutParsingIt()
    {
        var nested = RawPdf.OnePage();
        nested.Add(new string('[', 20_000) + new string(']', 20_000));
        byte[] hostile = nested.ToBytes();
        var draft = Draft() with { Enclosures = [new EnclosedDocument(UploadedDocuments.IdOf(hostile), "Programme")] };
        var package = Factory.CreatePackage(
            "L20261123-101500-ABCDEF", 3, draft, null, new Dictionary<string, byte[]>(), new Dictionary<string, byte[]> { [UploadedDocuments.IdOf(hostile)] = hostile });

        var refused = Assert.Throws<ArgumentException>(() => Renderer.Render(package));

        Assert.Contains("deeper than 100 levels", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_MissingDocumentBytes_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Factory.CreatePackage(
            "L1", 1, Draft(), null, new Dictionary<string, byte[]>(), new Dictionary<string, byte[]>()));
    }

    private static LetterDraft Draft(int coverParagraphs = 1, int enclosedParagraphs = 1) => new(
        Subject: "Intergovernmental negotiations on Security Council reform",
        Date: new DateOnly(2026, 11, 23),
        Body: Paragraphs(CoverSentence, coverParagraphs),
        Signatory: new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        Approvers: ["chef.de.cabinet@un.example"],
        DistributionList: "permanent-representatives-and-observers",
        Drafter: "drafter@un.example",
        Enclosures:
        [
            new EnclosedLetter(
                new DateOnly(2026, 11, 20),
                Paragraphs(EnclosedSentence, enclosedParagraphs),
                [
                    new EnclosureSignatory("Giorgi Beridze", "Ambassador and Permanent Representative of Georgia", "pr.georgia@missions.example"),
                    new EnclosureSignatory("Ana Lucía Ferreira", "Ambassador and Permanent Representative of Uruguay"),
                ]),
            new EnclosedDocument(ProgrammeId, "Programme of the meeting"),
        ]);

    private static string Paragraphs(string first, int count) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(i => i == 0 ? first : $"Paragraph {i + 1}. " + string.Concat(Enumerable.Repeat("The Assembly recalls its resolutions on the matter and the views expressed by delegations. ", 4))));

    private static byte[] Render(LetterDraft draft, bool signed, Dictionary<string, byte[]>? enclosedImages = null)
    {
        var package = Factory.CreatePackage(
            "L20261123-101500-ABCDEF", 3, draft, signed ? Signature() : null, enclosedImages ?? [], new Dictionary<string, byte[]> { [ProgrammeId] = Programme });
        return Renderer.Render(package);
    }

    private static byte[] Signature()
    {
        using var stream = typeof(PdfLetterRenderer).Assembly.GetManifestResourceStream("Circulation.Staff.Signatures.president.png")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void AssertInOrder(string text, params string[] expected)
    {
        var position = -1;
        foreach (var item in expected)
        {
            var next = text.IndexOf(item, position + 1, StringComparison.Ordinal);
            Assert.True(next > position, $"'{item}' not found after position {position} in:\n{text}");
            position = next;
        }
    }

    private static int CountOf(string needle, string text)
    {
        int count = 0;
        for (int i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static PdfDocument Open(byte[] bytes) => PdfDocument.Open(bytes);

    private static string PageText(Page page) => ContentOrderTextExtractor.GetText(page);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
