using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Circulation.Missions;
using MimeKit;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>Checks shared by the tests that follow a letter all the way to the missions.</summary>
internal static partial class MailAssertions
{
    /// <summary>The missions on <paramref name="listId"/>, from the directory embedded in Circulation (missions.json).</summary>
    public static IReadOnlyList<Mission> MissionsOn(string listId) => MissionDirectory.LoadEmbedded().MembersOf(listId);

    /// <summary>
    /// Waits until smtp4dev holds at least one copy per mission of the mail with exactly <paramref name="subject"/>,
    /// then asserts that every mission got exactly one, at its official address, and nobody else got one.
    /// </summary>
    public static async Task<IReadOnlyList<MailSummary>> AssertEachMissionGotExactlyOneAsync(
        Smtp4devClient mail, string tag, string subject, IReadOnlyList<Mission> missions)
    {
        IReadOnlyList<MailSummary> copies = [];
        await Poll.UntilAsync(
            $"{missions.Count} mission copies of '{subject}' in smtp4dev",
            TimeSpan.FromSeconds(60),
            async () =>
            {
                copies = [.. (await mail.ListAsync(tag)).Where(m => m.Subject == subject)];
                return copies.Count >= missions.Count;
            },
            () => $"{copies.Count} copies");

        var byAddress = copies.SelectMany(c => c.To.Select(to => (To: to.ToLowerInvariant(), Copy: c))).ToLookup(x => x.To);
        var expected = missions.Select(m => m.Email.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var missing = missions.Where(m => !byAddress.Contains(m.Email.ToLowerInvariant())).Select(m => $"{m.Id} <{m.Email}>").ToList();
        var duplicated = byAddress.Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        var strangers = byAddress.Where(g => !expected.Contains(g.Key)).Select(g => g.Key).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} mission(s) got no copy: {string.Join(", ", missing.Take(20))}");
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} address(es) got more than one copy: {string.Join(", ", duplicated.Take(20))}");
        Assert.True(strangers.Count == 0, $"Copies went to addresses not on the list: {string.Join(", ", strangers.Take(20))}");
        Assert.All(copies, c => Assert.Single(c.To));
        Assert.Equal(missions.Count, copies.Count);
        return copies;
    }

    /// <summary>
    /// Waits until every mission's address holds at least one copy of the mail with exactly <paramref name="subject"/>,
    /// then asserts that each copy went to one mission's address and to nobody else. Returns every copy (a mission
    /// sent the letter twice appears twice), for the caller to bound the repeats.
    /// </summary>
    public static async Task<IReadOnlyList<MailSummary>> AssertEachMissionGotAtLeastOneAsync(
        Smtp4devClient mail, string tag, string subject, IReadOnlyList<Mission> missions, TimeSpan timeout)
    {
        var expected = missions.Select(m => m.Email.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<MailSummary> copies = [];
        int reached = 0;
        await Poll.UntilAsync(
            $"a copy of '{subject}' for each of the {missions.Count} missions in smtp4dev",
            timeout,
            async () =>
            {
                copies = [.. (await mail.ListAsync(tag)).Where(m => m.Subject == subject)];
                reached = copies.SelectMany(c => c.To).Select(to => to.ToLowerInvariant()).Where(expected.Contains).Distinct().Count();
                return reached == expected.Count;
            },
            () => $"{copies.Count} copies reaching {reached} missions");

        Assert.All(copies, c => Assert.Single(c.To));
        var strangers = copies.Select(c => c.To.Single().ToLowerInvariant()).Where(to => !expected.Contains(to)).Distinct().ToList();
        Assert.True(strangers.Count == 0, $"Copies went to addresses not on the list: {string.Join(", ", strangers.Take(20))}");
        return copies;
    }

    /// <summary>
    /// Downloads every copy and asserts it is addressed to one mailbox and carries exactly one attachment,
    /// a PDF named by the letter's date and signatory ("2026-12-03 Letter from the President of the General Assembly.pdf";
    /// exactly <paramref name="fileName"/> when given), application/pdf, whose SHA-256 is <paramref name="sha256"/>.
    /// Returns one attachment's bytes. (<paramref name="letterId"/> names the letter in failure messages.)
    /// </summary>
    public static async Task<byte[]> AssertEveryCopyCarriesThePdfAsync(Smtp4devClient mail, IReadOnlyList<MailSummary> copies, string letterId, string sha256, string? fileName = null)
    {
        var expectedName = fileName is null ? new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2} Letter from .+\.pdf$") : null;
        using var gate = new SemaphoreSlim(6);
        var problems = new List<string>();
        byte[]? sample = null;
        await Task.WhenAll(copies.Select(async copy =>
        {
            await gate.WaitAsync();
            try
            {
                using var message = await mail.RawAsync(copy.Id);
                string to = copy.To.Single();
                var mailboxes = message.To.Mailboxes.ToList();
                var attachments = message.Attachments.OfType<MimePart>().ToList();
                string? problem = null;
                if (mailboxes.Count != 1 || !string.Equals(mailboxes[0].Address, to, StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"To: is '{message.To}', expected {to}";
                }
                else if (attachments.Count != 1)
                {
                    problem = $"{attachments.Count} attachments";
                }
                else if (!(expectedName?.IsMatch(attachments[0].FileName ?? "") ?? attachments[0].FileName == fileName) || attachments[0].ContentType.MimeType != "application/pdf" || attachments[0].Content is null)
                {
                    problem = $"attachment '{attachments[0].FileName}' ({attachments[0].ContentType.MimeType})";
                }
                else
                {
                    using var buffer = new MemoryStream();
                    await attachments[0].Content!.DecodeToAsync(buffer);
                    byte[] bytes = buffer.ToArray();
                    string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
                    if (hash != sha256)
                    {
                        problem = $"attachment SHA-256 {hash}, archive says {sha256}";
                    }

                    sample ??= bytes;
                }

                if (problem is not null)
                {
                    lock (problems)
                    {
                        problems.Add($"{to}: {problem}");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.True(problems.Count == 0, $"{problems.Count} copies are wrong:\n{string.Join("\n", problems.Take(20))}");
        return sample ?? throw new InvalidOperationException("No copy to sample.");
    }

    /// <summary>The text of a PDF, whitespace collapsed (line breaks of the justified body become spaces).</summary>
    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        string text = string.Join(" ", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
        return Whitespace().Replace(text, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
