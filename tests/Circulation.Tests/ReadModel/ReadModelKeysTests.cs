using Circulation.Domain;
using Circulation.ReadModel;
using Xunit;

namespace Circulation.Tests.ReadModel;

/// <summary>The read model's keys, word normalization, continuation tokens and decision texts.</summary>
public sealed class ReadModelKeysTests
{
    [Fact]
    public void RowKeyFor_NewerLetters_SortBeforeOlderOnes()
    {
        string[] ids = ["L20261125-103512-7K2QX9", "L20261125-103513-22222A", "L20261126-000000-ZZZZZZ", "L20251231-235959-ABCDEF"];
        var byKey = ids.OrderBy(LetterEntity.RowKeyFor, StringComparer.Ordinal).ToArray();
        Assert.Equal(["L20261126-000000-ZZZZZZ", "L20261125-103513-22222A", "L20261125-103512-7K2QX9", "L20251231-235959-ABCDEF"], byKey);
        Assert.Equal("79738874-896487-7K2QX9", LetterEntity.RowKeyFor("L20261125-103512-7K2QX9"));
    }

    [Fact]
    public void RowKeyPrefixFor_ADay_IsThePrefixOfEveryLetterCreatedThatDay()
    {
        string prefix = LetterEntity.RowKeyPrefixFor(new DateOnly(2026, 11, 25));
        Assert.Equal("79738874", prefix);
        Assert.StartsWith(prefix, LetterEntity.RowKeyFor("L20261125-000000-22222A"), StringComparison.Ordinal);
        Assert.StartsWith(prefix, LetterEntity.RowKeyFor("L20261125-235959-ZZZZZZ"), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_CreatedDates_IncludeBothEndDaysAndNothingOutside()
    {
        var query = new LetterQuery(From: new DateOnly(2026, 11, 24), To: new DateOnly(2026, 11, 25));
        var now = DateTimeOffset.UtcNow;
        bool In(string id) => query.Matches(new LetterEntity { RowKey = LetterEntity.RowKeyFor(id), Stage = "Drafting" }, now);
        Assert.True(In("L20261124-000000-22222A"));
        Assert.True(In("L20261125-235959-22222A"));
        Assert.False(In("L20261123-235959-22222A"));
        Assert.False(In("L20261126-000000-22222A"));
    }

    [Theory]
    [InlineData("Résolution 78/1 : ÉLECTION du Président", "resolution 78 1 election du president")]
    [InlineData("  Programme of work -- programme OF WORK  ", "programme of work")]
    [InlineData("Ça, für Zusammenarbeit; naïve", "ca fur zusammenarbeit naive")]
    [InlineData("!!!", "")]
    public void SubjectWords_AnySubject_AreLowerCaseWithoutAccentsEachOnce(string subject, string words) =>
        Assert.Equal(words, string.Join(' ', SubjectWords.Of(subject)));

    [Fact]
    public void ContainsAll_WholeWordsOnly_DoesNotMatchPartOfAWord()
    {
        string joined = SubjectWords.Joined(SubjectWords.Of("Revitalization of the General Assembly"));
        Assert.True(SubjectWords.ContainsAll(joined, ["general", "assembly"]));
        Assert.False(SubjectWords.ContainsAll(joined, ["revital"]));
        Assert.False(SubjectWords.ContainsAll(joined, ["general", "council"]));
    }

    [Fact]
    public void ListContinuation_RoundTrips_AndRefusesAnythingElse()
    {
        string rowKey = LetterEntity.RowKeyFor("L20261125-103512-7K2QX9");
        string token = ListContinuation.Encode(rowKey);
        Assert.Equal(rowKey, ListContinuation.Decode(token));
        Assert.DoesNotContain(rowKey, token, StringComparison.Ordinal);
        Assert.Null(ListContinuation.Decode("not-a-token!"));
        Assert.Null(ListContinuation.Decode(ListContinuation.Encode("79738874' or PartitionKey ne '")));
        Assert.Null(ListContinuation.Decode(Convert.ToBase64String("v2:79738874-896487-7K2QX9"u8.ToArray())));
        Assert.Null(ListContinuation.Decode(""));
    }

    [Theory]
    [InlineData(ApprovalDecision.Approve, "", "Approve")]
    [InlineData(ApprovalDecision.RequestChanges, "Cite the resolution: 78/1.", "RequestChanges: Cite the resolution: 78/1.")]
    [InlineData(ApprovalDecision.Reject, "No.", "Reject: No.")]
    public void DecisionText_FormatThenParse_GivesTheDecisionAndTheWholeComment(ApprovalDecision decision, string comment, string text)
    {
        Assert.Equal(text, DecisionText.Format(decision, comment));
        Assert.True(DecisionText.TryParse(text, out var parsed, out string back));
        Assert.Equal((decision, comment), (parsed, back));
        Assert.False(DecisionText.TryParse("1: numeric", out _, out _));
        Assert.False(DecisionText.TryParse("Maybe: later", out _, out _));
    }

    [Fact]
    public void LetterHistory_TwoRoundsThenApprovals_GivesTheCurrentApprovalsAndTheEarlierRoundsWithTheirNotes()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        LetterEvent E(LetterEventKind kind, int version, string? actor = null, string? text = null) => new(Guid.NewGuid().ToString("N"), kind, at = at.AddMinutes(1), actor, text, version);
        LetterEvent[] timeline =
        [
            E(LetterEventKind.Created, 1, "d@un.example"),
            E(LetterEventKind.Submitted, 1),
            E(LetterEventKind.Decided, 1, "a@un.example", "Approve"),
            E(LetterEventKind.Decided, 1, "b@un.example", "RequestChanges: Add the date."),
            E(LetterEventKind.VersionSaved, 2),
            E(LetterEventKind.Submitted, 2),
            E(LetterEventKind.Undeliverable, 2, "a@un.example", "The request could not be delivered."),
            E(LetterEventKind.Submitted, 3),
            E(LetterEventKind.Decided, 3, "a@un.example", "Approve: Good."),
        ];

        var approvals = LetterHistory.Approvals(timeline, 3);
        Assert.Equal([(0, "a@un.example", ApprovalDecision.Approve, "Good.")], approvals.Select(a => (a.Step, a.Approver, a.Decision, a.Comment)));
        var rounds = LetterHistory.EarlierRounds(timeline, 3);
        Assert.Equal([(1, 2, "Add the date."), (2, 0, "The request could not be delivered.")], rounds.Select(r => (r.Version, r.Approvals.Count, r.Note)));
        Assert.Equal(1, LetterHistory.LastVersionSeenBy(timeline, 3, "B@un.example"));
        Assert.Null(LetterHistory.LastVersionSeenBy(timeline, 3, "c@un.example"));
    }

    [Fact]
    public void LetterHistory_NoteClippedInTheRow_IsTheWholeCommentFromTheTimeline()
    {
        string comment = new('c', 3000);
        var timeline = new[] { new LetterEvent("e1", LetterEventKind.Decided, DateTimeOffset.UtcNow, "a@un.example", DecisionText.Format(ApprovalDecision.Reject, comment), 1) };
        string clipped = comment[..(LetterSummary.MaxNoteLength - 1)] + "…";
        Assert.Equal(comment, LetterHistory.Note(timeline, clipped));
        Assert.Equal("Short.", LetterHistory.Note(timeline, "Short."));
    }

    [Fact]
    public void StatusOf_ProgressWithLongCommentsAndRounds_KeepsOnlyStageCountersAndThePendingLink()
    {
        string comment = new('x', 4000);
        var pending = new PendingAction(LinkPurpose.Approval, 0, "a@un.example", "token", DateTimeOffset.UtcNow);
        var progress = LetterProgress.Start("L20261125-103512-7K2QX9", "Subject", 3) with
        {
            Stage = LetterStage.AwaitingApproval,
            Pending = pending,
            Note = comment,
            Approvals = [new ApprovalRecord(0, "a@un.example", ApprovalDecision.Approve, comment, DateTimeOffset.UtcNow)],
            EarlierRounds = [new ApprovalRound(1, [], comment), new ApprovalRound(2, [], comment)],
            Deliveries = new DeliveryTally(193, 10, 1, Waiting: comment),
        };

        var status = Circulation.Workflow.LetterRecorder.StatusOf(progress);
        Assert.Equal((LetterStage.AwaitingApproval, 3, pending), (status.Stage, status.Version, status.Pending));
        Assert.Equal((193, 10, 1), (status.Deliveries.Total, status.Deliveries.Sent, status.Deliveries.Failed));
        Assert.Empty(status.Approvals);
        Assert.Null(status.EarlierRounds);
        Assert.Null(status.Note);
        Assert.True(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(status).Length < 2048);
    }
}
