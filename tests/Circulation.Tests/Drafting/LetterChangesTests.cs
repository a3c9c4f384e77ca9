using Circulation.Drafting;
using Xunit;

namespace Circulation.Tests.Drafting;

public sealed class LetterChangesTests
{
    private const string First = "I have the honour to inform you that the informal consultations will resume in the coming weeks.";
    private const string Second = "The co-facilitators will circulate a zero draft one week before the first meeting.";
    private const string Third = "I encourage all delegations to participate actively and constructively.";

    private static LetterDraft Letter(string body, string subject = "Revitalization of the work of the General Assembly") => new(
        subject,
        new DateOnly(2026, 11, 25),
        body,
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        ["chef@un.example", "legal@un.example"],
        "permanent-representatives",
        "drafter@un.example");

    private static string Body(params string[] paragraphs) => string.Join("\n\n", paragraphs);

    [Fact]
    public void Between_EnclosedLettersTextEdited_ReportsTheEnclosuresAsChanged()
    {
        var cochairs = new EnclosureSignatory[] { new("Ana Beridze", "Ambassador and Permanent Representative of Georgia", null) };
        var before = Letter(Body(First)) with { Enclosures = [new EnclosedLetter(new DateOnly(2026, 11, 20), "We have the honour to write.", cochairs)] };
        var after = before with { Enclosures = [new EnclosedLetter(new DateOnly(2026, 11, 20), "We have the honour to write again.", cochairs)] };

        var changes = LetterChanges.Between(1, before, 2, after);

        var field = Assert.Single(changes.Fields);
        Assert.Equal("Enclosures", field.Field);
        Assert.Contains("letter dated 20 November 2026 from Ana Beridze", field.Before, StringComparison.Ordinal);
        Assert.Empty(changes.Paragraphs);
    }

    [Fact]
    public void Between_DocumentEnclosureAdded_ReportsItByTitle()
    {
        var before = Letter(Body(First));
        var after = before with { Enclosures = [new EnclosedDocument(new string('a', 64), "Programme of the high-level meeting")] };

        var field = Assert.Single(LetterChanges.Between(1, before, 2, after).Fields);

        Assert.Equal(("Enclosures", "none"), (field.Field, field.Before));
        Assert.Contains("Programme of the high-level meeting", field.After, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_OneChangedPhrase_MarksOnlyThatPhraseRemovedThenAdded()
    {
        var segments = TextDiff.Words("will resume in the coming weeks.", "will resume on 12 March.");

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Same, "will resume"),
                new DiffSegment(DiffKind.Removed, "in the coming weeks."),
                new DiffSegment(DiffKind.Added, "on 12 March."),
            ],
            segments);
    }

    [Fact]
    public void Words_InsertionInTheMiddle_KeepsBothSidesSame()
    {
        var segments = TextDiff.Words("the first meeting", "the first formal meeting");

        Assert.Equal(
            [new DiffSegment(DiffKind.Same, "the first"), new DiffSegment(DiffKind.Added, "formal"), new DiffSegment(DiffKind.Same, "meeting")],
            segments);
    }

    [Fact]
    public void Words_IdenticalText_IsOneSameSegment()
    {
        Assert.Equal([new DiffSegment(DiffKind.Same, "a b c")], TextDiff.Words("a  b\nc", "a b c"));
    }

    [Fact]
    public void Words_EmptyBefore_IsAllAdded()
    {
        Assert.Equal([new DiffSegment(DiffKind.Added, "new text")], TextDiff.Words("", "new text"));
    }

    [Fact]
    public void Align_BeyondTheTableLimit_ReportsTheMiddleRemovedThenAddedAndKeepsCommonEnds()
    {
        string[] before = [.. Enumerable.Range(0, 1200).Select(i => $"a{i}")];
        string[] after = [.. Enumerable.Range(0, 1200).Select(i => $"b{i}")];
        before[0] = after[0] = "start";
        before[^1] = after[^1] = "end";

        var steps = TextDiff.Align(before, after);

        Assert.Equal(DiffKind.Same, steps[0].Kind);
        Assert.Equal(DiffKind.Same, steps[^1].Kind);
        Assert.Equal(1198, steps.Count(s => s.Kind == DiffKind.Removed));
        Assert.Equal(1198, steps.Count(s => s.Kind == DiffKind.Added));
        Assert.True(steps.ToList().FindLastIndex(s => s.Kind == DiffKind.Removed) < steps.ToList().FindIndex(s => s.Kind == DiffKind.Added));
    }

    [Fact]
    public void Align_EveryStep_ReproducesBothSequences()
    {
        string[] before = ["a", "b", "c", "d", "e", "b"];
        string[] after = ["b", "x", "c", "e", "b", "y"];

        var steps = TextDiff.Align(before, after);

        Assert.Equal(before, steps.Where(s => s.Kind != DiffKind.Added).Select(s => before[s.A]));
        Assert.Equal(after, steps.Where(s => s.Kind != DiffKind.Removed).Select(s => after[s.B]));
        Assert.Equal(4, steps.Count(s => s.Kind == DiffKind.Same));
    }

    [Fact]
    public void Between_EditedParagraph_ReportsItWithWordMarksAndNothingElse()
    {
        var changes = LetterChanges.Between(1, Letter(Body(First, Second, Third)), 2, Letter(Body(First, Second.Replace("one week", "two weeks", StringComparison.Ordinal), Third)));

        Assert.Empty(changes.Fields);
        var paragraph = Assert.Single(changes.Paragraphs);
        Assert.Equal((2, 2), (paragraph.Before, paragraph.After));
        Assert.Contains(new DiffSegment(DiffKind.Removed, "one week"), paragraph.Segments);
        Assert.Contains(new DiffSegment(DiffKind.Added, "two weeks"), paragraph.Segments);
        Assert.Equal((2, 2), (changes.WordsAdded, changes.WordsRemoved));
        Assert.Equal("1 paragraph of the body changed (+2 words, -2 words).", changes.Summary);
    }

    [Fact]
    public void Between_AddedAndRemovedParagraphs_AreReportedWhole()
    {
        var changes = LetterChanges.Between(1, Letter(Body(First, Second)), 3, Letter(Body(Second, Third)));

        Assert.Collection(
            changes.Paragraphs,
            p => Assert.Equal((1, (int?)null, DiffKind.Removed, First), (p.Before!.Value, p.After, Assert.Single(p.Segments).Kind, p.Segments[0].Text)),
            p => Assert.Equal(((int?)null, 2, DiffKind.Added, Third), (p.Before, p.After!.Value, Assert.Single(p.Segments).Kind, p.Segments[0].Text)));
        Assert.Equal((1, 3), (changes.FromVersion, changes.ToVersion));
    }

    [Fact]
    public void Between_ChangedSubjectDateAndApprovers_ListsEachField()
    {
        var before = Letter(First);
        var after = Letter(First, "A new subject") with { Date = new DateOnly(2026, 12, 1), Approvers = ["chef@un.example"] };

        var changes = LetterChanges.Between(1, before, 2, after);

        Assert.Empty(changes.Paragraphs);
        Assert.Equal(["Subject", "Date", "Approvers"], changes.Fields.Select(f => f.Field));
        Assert.Equal(new FieldChange("Date", "25 November 2026", "1 December 2026"), changes.Fields[1]);
        Assert.Equal("The subject, the date and the approvers changed.", changes.Summary);
    }

    [Fact]
    public void Between_UndatedVersionsSavedOnDifferentDays_ReportNoDateChange_ButGivingADateDoes()
    {
        var saturday = Letter(First) with { Date = new DateOnly(2026, 11, 28), DatedOnSigning = true };
        var monday = saturday with { Date = new DateOnly(2026, 11, 30) };
        var dated = monday with { DatedOnSigning = false };

        Assert.True(LetterChanges.Between(1, saturday, 2, monday).IsEmpty);
        Assert.Equal(new FieldChange("Date", "Dated on the day it is signed", "30 November 2026"), Assert.Single(LetterChanges.Between(2, monday, 3, dated).Fields));
    }

    [Fact]
    public void Between_SameLetter_IsEmpty()
    {
        var changes = LetterChanges.Between(1, Letter(Body(First, Second)), 2, Letter(Body(First, Second) + "\n"));

        Assert.True(changes.IsEmpty);
        Assert.Equal("Nothing in the letter changed.", changes.Summary);
        Assert.Equal("", changes.ToPlainText());
    }

    [Fact]
    public void ToPlainText_MarksRemovedAndAddedWordsAndShortensLongUnchangedStretches()
    {
        var changes = LetterChanges.Between(1, Letter(First), 2, Letter(First.Replace("in the coming weeks", "on 12 March", StringComparison.Ordinal), "New subject"));

        string text = changes.ToPlainText();

        Assert.Contains("Subject: [-Revitalization of the work of the General Assembly-] {+New subject+}", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 1: I have the honour to inform you that the informal consultations will resume [-in the coming weeks.-] {+on 12 March.+}", text, StringComparison.Ordinal);

        string words = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"w{i}"));
        string shortened = LetterChanges.Between(1, Letter(words + " old"), 2, Letter(words + " new")).ToPlainText();
        Assert.Equal("  Paragraph 1: w1 w2 w3 w4 w5 w6 … w25 w26 w27 w28 w29 w30 [-old-] {+new+}\n", shortened);
    }

    [Fact]
    public void ToPlainText_LongerThanTheLimit_IsCutWithANote()
    {
        string[] paragraphs = [.. Enumerable.Range(0, 200).Select(i => $"Paragraph number {i} with some words.")];
        var changes = LetterChanges.Between(1, Letter("Old."), 2, Letter(string.Join("\n\n", paragraphs)));

        string text = changes.ToPlainText(maxLength: 500);

        Assert.True(text.Length < 600);
        Assert.EndsWith("(the rest is shown on the letter's page)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_EncodesTextAndMarksChangesWithDelAndIns()
    {
        var changes = LetterChanges.Between(1, Letter("Fish & <chips> today."), 2, Letter("Fish & <chips> tomorrow."));

        string html = changes.ToHtml();

        Assert.Contains("Fish &amp; &lt;chips&gt;", html, StringComparison.Ordinal);
        Assert.Matches("<del style=\"[^\"]+\">today.</del> <ins style=\"[^\"]+\">tomorrow.</ins>", html);
        Assert.DoesNotContain("<chips>", html, StringComparison.Ordinal);
    }
}
