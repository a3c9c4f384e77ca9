using System.Globalization;
using System.Net;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// GET api/letters from the read model over HTTP: stage, drafter and date filters, the subject word search, paging
/// with the continuation, the attention view, and the 400s for bad parameters. Shares the drafts host.
/// </summary>
[Collection(Collections.Drafts)]
public sealed class LetterListTests(DraftHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private CirculationClient Api => fixture.Api;

    [Fact]
    public async Task List_DraftsWithTaggedSubjects_FiltersSearchesWithoutCaseOrAccentsAndPagesNewestFirst()
    {
        string tag = TestLetters.NewTag("List");
        var ids = new List<string>();
        foreach (string words in new[] { "alpha Résumé", "beta", "alpha gamma" })
        {
            var letter = TestLetters.Valid(tag, approvers: 1);
            letter["subject"] = $"{tag} {words}";
            ids.Add(await this.Api.CreateDraftAsync(letter));
        }

        string q = Uri.EscapeDataString(tag);
        var all = await this.WaitForListAsync($"q={q}", 3);
        var newestFirst = InListOrder(ids);
        Assert.Equal(newestFirst, Ids(all));
        var first = all.GetProperty("letters")[0];
        Assert.Equal("Drafting", first.GetProperty("stage").GetString());
        Assert.Equal(TestPeople.Drafter, first.GetProperty("drafter").GetString());
        Assert.Equal(0, first.GetProperty("deliveries").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("attention").ValueKind);
        Assert.Null(Continuation(all));

        // Words: all must match, whole words, any case and accents.
        Assert.Equal([ids[0]], Ids(await this.Api.ListLettersAsync($"q={q}%20ALPHA%20resume")));
        Assert.Equal(InListOrder([ids[0], ids[2]]), Ids(await this.Api.ListLettersAsync($"q={q}%20alpha")));
        Assert.Empty(Ids(await this.Api.ListLettersAsync($"q={q}%20alp")));

        // Stage, dates and drafter.
        Assert.Equal(newestFirst, Ids(await this.Api.ListLettersAsync($"q={q}&stage=drafting")));
        Assert.Empty(Ids(await this.Api.ListLettersAsync($"q={q}&stage=Rejected")));
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(newestFirst, Ids(await this.Api.ListLettersAsync($"q={q}&from={yesterday}&to={tomorrow}")));
        Assert.Empty(Ids(await this.Api.ListLettersAsync($"q={q}&to={yesterday}")));
        Assert.Empty(Ids(await this.Api.ListLettersAsync($"q={q}&from={tomorrow}")));
        Assert.Contains(ids[0], Ids(await this.Api.ListLettersAsync($"from={today}&limit=200")));
        var admin = this.Api.As(TestPeople.Admin);
        Assert.Equal(newestFirst, Ids(await admin.ListLettersAsync($"q={q}&drafter={TestPeople.Drafter}")));
        Assert.Empty(Ids(await admin.ListLettersAsync($"q={q}&drafter={TestPeople.OtherDrafter}")));
        Assert.Empty(Ids(await this.Api.As(TestPeople.OtherDrafter).ListLettersAsync($"q={q}")));

        // Paging: one letter a page, each page resuming where the last ended, the last without a continuation.
        var paged = new List<string>();
        string? continuation = null;
        for (int page = 0; page < 3; page++)
        {
            var json = await this.Api.ListLettersAsync($"q={q}&limit=1{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}");
            paged.AddRange(Ids(json));
            continuation = Continuation(json);
            Assert.True(page == 2 ? continuation is null : continuation is not null, $"page {page + 1}: continuation {continuation}");
        }

        Assert.Equal(newestFirst, paged);

        // Paging without words: the letter rows themselves, with the same continuation.
        var rows = await this.Api.ListLettersAsync("limit=2");
        string next = Continuation(rows)!;
        var following = Ids(await this.Api.ListLettersAsync($"limit=2&continuation={Uri.EscapeDataString(next)}"));
        Assert.Empty(Ids(rows).Intersect(following));
        Assert.True(
            InListOrder([following[0], Ids(rows)[^1]]) is [var before, _] && before == Ids(rows)[^1],
            $"the second page continues with older letters: {Ids(rows)[^1]} then {following[0]}");
    }

    [Theory]
    [InlineData("stage=Nowhere", "stage")]
    [InlineData("stage=1", "stage")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=25/11/2026", "to")]
    [InlineData("from=2026-11-26&to=2026-11-25", "to")]
    [InlineData("q=%21%21%21", "q")]
    [InlineData("view=mine", "view")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("continuation=bm90LWEtdG9rZW4", "continuation")]
    [InlineData("drafter=nobody", "drafter")]
    [InlineData("drafter=policy.officer%40un.example", "drafter")]
    [InlineData("stage=Drafting&stage=Rejected", "stage")]
    public async Task List_BadParameter_Answers400NamingTheField(string query, string field)
    {
        var response = await this.Api.GetAsync($"api/letters?{query}");
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"GET api/letters?{query} answered {(int)response.Status}: {response.Body}");
        var errors = response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal([field], errors);
    }

    [Fact]
    public async Task List_AttentionView_ShowsTheDrafterTheLetterWhoseChangesWereRequested_WithTheDecisionInTheTimeline()
    {
        string tag = TestLetters.NewTag("Attn");
        string subject = TestLetters.Subject(tag);
        var admin = this.Api.As(TestPeople.Admin);
        string id = await admin.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        string q = Uri.EscapeDataString(tag);
        var waiting = await this.WaitForAsync(admin, $"q={q}", json => Ids(json).Count == 1 && json.GetProperty("letters")[0].GetProperty("stage").GetString() == "AwaitingApproval");
        var row = waiting.GetProperty("letters")[0];
        Assert.Equal(TestLetters.Approver(tag, 1), row.GetProperty("waitingFor").GetProperty("who").GetString());
        Assert.Empty(row.GetProperty("attention").EnumerateArray());
        Assert.Empty(Ids(await admin.ListLettersAsync($"q={q}&view=attention")));

        var (_, link) = await fixture.Mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1), 1);
        var asked = await this.Api.SubmitLinkFormAsync(link, ("decision", "RequestChanges"), ("comment", "Name the venue."));
        Assert.True(asked.Status == HttpStatusCode.OK, $"The decision answered {(int)asked.Status}: {asked.Body}");

        var attention = await this.WaitForAsync(admin, $"q={q}&view=attention", json => Ids(json).Count == 1);
        Assert.Equal([id], Ids(attention));
        Assert.Equal(["awaiting-you"], attention.GetProperty("letters")[0].GetProperty("attention").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("ChangesRequested", attention.GetProperty("letters")[0].GetProperty("stage").GetString());
        Assert.Empty(Ids(await this.Api.ListLettersAsync($"q={q}&view=attention")));

        // The letter page: today's fields from the read model, and the timeline.
        var letter = await admin.GetLetterAsync(id);
        Assert.Equal("ChangesRequested", letter.GetProperty("stage").GetString());
        Assert.Equal("Name the venue.", letter.GetProperty("note").GetString());
        var approval = Assert.Single(letter.GetProperty("approvals").EnumerateArray());
        Assert.Equal(("RequestChanges", "Name the venue.", TestLetters.Approver(tag, 1)), (approval.GetProperty("decision").GetString(), approval.GetProperty("comment").GetString(), approval.GetProperty("approver").GetString()));
        Assert.Equal(TestPeople.Signatory, letter.GetProperty("signatory").GetString());
        // An admin may withdraw a letter whose changes were requested; nobody waits on a link, so nobody to remind or replace.
        Assert.Equal((true, false, false), (letter.GetProperty("actions").GetProperty("withdraw").GetBoolean(), letter.GetProperty("actions").GetProperty("remind").GetBoolean(), letter.GetProperty("actions").GetProperty("replace").GetBoolean()));
        var timeline = letter.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["Created", "Submitted", "ApprovalRequested", "Decided"], timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("RequestChanges: Name the venue.", timeline[^1].GetProperty("text").GetString());
        Assert.True(letter.GetProperty("editable").GetBoolean());
    }

    /// <summary>The page's continuation; absent (null members are left out of every answer) on the last page.</summary>
    /// <summary>The list's own order: the newest second first; letters created in the same second by the rest of their id.</summary>
    private static List<string> InListOrder(IEnumerable<string> ids) =>
        [.. ids.OrderByDescending(id => id[..16], StringComparer.Ordinal).ThenBy(id => id[16..], StringComparer.Ordinal)];

    private static string? Continuation(JsonElement json) => json.TryGetProperty("continuation", out var token) ? token.GetString() : null;

    private static List<string> Ids(JsonElement json) =>
        [.. json.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("id").GetString()!)];

    private Task<JsonElement> WaitForListAsync(string query, int count) => this.WaitForAsync(this.Api, query, json => Ids(json).Count == count);

    private async Task<JsonElement> WaitForAsync(CirculationClient client, string query, Func<JsonElement, bool> done)
    {
        string last = "nothing yet";
        return (JsonElement)await Poll.UntilAsync<object>(
            $"GET api/letters?{query} to show the expected letters",
            Wait,
            async () =>
            {
                var json = await client.ListLettersAsync(query);
                last = json.ToString();
                return done(json) ? json : null;
            },
            () => last);
    }
}
