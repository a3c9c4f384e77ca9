using System.Globalization;
using Circulation.ExchangeEmulator;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Mail;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The mailboxes' durable pacing ledgers on a real Azurite, against the Exchange emulator at Exchange's limits with time
/// scaled (30 messages per 2 s; a recipient "day" of 10 minutes): two hosts sharing the ledgers, a host restarted, and
/// the recipient budget moving messages to another sender and then running out. Each test prints the ledger's blob round
/// trips per message.
/// </summary>
[Collection(Collections.GraphLedger)]
public sealed class GraphLedgerTests(LedgerEmulatorFixture fixture, ITestOutputHelper output)
{
    private const int MessagesPerWindow = 30;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecipientWindow = TimeSpan.FromMinutes(10);
    private readonly string run = Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TwoHostsSharingTheLedger_NinetyMessagesAtTheMailboxQuota_NoneThrottledAndEachSentOnce()
    {
        fixture.Reset(Limits());
        var container = await LedgerEmulatorFixture.NewContainerAsync();
        var stores = new[] { new BlobMailboxLedgerStore(container), new BlobMailboxLedgerStore(container) };

        // Each host takes half of Graph's 4 requests per mailbox, so together they never exceed it.
        var hosts = stores.Select(s => fixture.Transport(s, [LedgerEmulatorFixture.First], o => Pace(o, concurrentRequests: 2))).ToArray();
        var mails = Enumerable.Range(0, 90).Select(this.Mail).ToList();
        try
        {
            await Parallel.ForEachAsync(
                mails.Select((mail, i) => (mail, host: hosts[i % 2])),
                new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (send, ct) => await send.host.SendAsync(send.mail, ct));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        this.Report("two hosts", stores, mails.Count);
        Assert.Empty(fixture.Emulator.Counts.Throttled);
        AssertEachOnce(mails);
        Assert.Equal(90, fixture.Emulator.Counts.SentPerMailbox.GetValueOrDefault(LedgerEmulatorFixture.First));
    }

    [Theory]
    [InlineData(true)] // stopped gracefully: the last answers are written
    [InlineData(false)] // killed: the last answers are lost, so their claims count as sent at their expiry
    public async Task HostRestartedWithAFullWindow_SendingRightAfter_HonoursTheLedgerAndIsNeverThrottled(bool graceful)
    {
        fixture.Reset(Limits());
        var container = await LedgerEmulatorFixture.NewContainerAsync();
        var before = new BlobMailboxLedgerStore(container);
        var after = new BlobMailboxLedgerStore(container);
        var mails = Enumerable.Range(0, 2 * MessagesPerWindow).Select(this.Mail).ToList();

        var first = fixture.Transport(before, [LedgerEmulatorFixture.First], o => Pace(o));
        await SendAllAsync(first, mails.Take(MessagesPerWindow));
        if (graceful)
        {
            await first.DisposeAsync();
        }
        else
        {
            first.Dispose();
        }

        await using (var restarted = fixture.Transport(after, [LedgerEmulatorFixture.First], o => Pace(o)))
        {
            await SendAllAsync(restarted, mails.Skip(MessagesPerWindow));
        }

        this.Report(graceful ? "stopped and restarted" : "killed and restarted", [before, after], mails.Count);
        Assert.Empty(fixture.Emulator.Counts.Throttled);
        AssertEachOnce(mails);
        Assert.True(after.Reads >= 1, "The restarted host never read the ledger.");
    }

    [Fact]
    public async Task RecipientBudget_FirstSenderFull_MessagesMoveToTheSecondThenBothFullSendThrowsWithUntilAndNothingGoesTwice()
    {
        const int Budget = 5;
        fixture.Reset(Limits() with { RecipientsPerWindow = Budget, RecipientWindow = RecipientWindow });
        var container = await LedgerEmulatorFixture.NewContainerAsync();
        var store = new BlobMailboxLedgerStore(container);
        await using var transport = fixture.Transport(
            store, [LedgerEmulatorFixture.First, LedgerEmulatorFixture.Second], o => Pace(o, recipientsPerDay: Budget));

        // Seven messages that prefer the first sender, then five more: the first fills after five and the next two move.
        var candidates = Enumerable.Range(0, 200).Select(this.Mail).ToList();
        var mails = candidates.Where(m => transport.SenderFor(m.MessageId) == LedgerEmulatorFixture.First).Take(7)
            .Concat(candidates.Where(m => transport.SenderFor(m.MessageId) != LedgerEmulatorFixture.First).Take(5)).ToList();
        var started = DateTimeOffset.UtcNow;

        var first = await SendEachAsync(transport, mails);
        var again = await SendEachAsync(transport, mails);

        this.Report("budget", [store], mails.Count * 2);
        var sent = first.Where(r => r.Receipt is not null).ToList();
        var refused = first.Where(r => r.Error is not null).ToList();
        Assert.Equal(2 * Budget, sent.Count);
        Assert.Contains(sent, r => r.Receipt!.Sender != transport.SenderFor(r.Mail.MessageId));
        Assert.Equal(Budget, fixture.Emulator.Counts.SentPerMailbox.GetValueOrDefault(LedgerEmulatorFixture.First));
        Assert.Equal(Budget, fixture.Emulator.Counts.SentPerMailbox.GetValueOrDefault(LedgerEmulatorFixture.Second));
        Assert.Equal(mails.Count - (2 * Budget), refused.Count);
        Assert.All(refused, r =>
        {
            Assert.True(r.Error!.Until > started + RecipientWindow - TimeSpan.FromMinutes(1), $"Until {r.Error.Until:O} is not a budget window away.");
            Assert.Equal([LedgerEmulatorFixture.First, LedgerEmulatorFixture.Second], r.Error.Mailboxes.Order(StringComparer.Ordinal));
            Assert.False(r.Error.IsPermanent);
        });

        // Sent again: the moved ones are found where they went, the refused ones are refused again; nothing goes twice.
        Assert.All(first.Zip(again), pair =>
        {
            Assert.Equal(pair.First.Receipt?.Sender, pair.Second.Receipt?.Sender);
            Assert.Equal(pair.First.Receipt is not null, pair.Second.Receipt?.AlreadySent == true);
            Assert.Equal(pair.First.Error is not null, pair.Second.Error is not null);
        });
        AssertEachOnce(sent.Select(r => r.Mail).ToList());
        Assert.All(refused, r => Assert.Equal(0, fixture.Emulator.Counts.SentPerRecipient.GetValueOrDefault(r.Mail.To)));
        Assert.Empty(fixture.Emulator.Counts.Throttled);
        foreach (string mailbox in new[] { LedgerEmulatorFixture.First, LedgerEmulatorFixture.Second })
        {
            Assert.Empty(fixture.Emulator.FindMailbox(mailbox)!.Find("drafts", _ => true, m => m.Id));
        }
    }

    private static EmulatorLimits Limits() => new() { MessagesPerWindow = MessagesPerWindow, MessageWindow = Window, ConcurrentRequests = 4 };

    private static void Pace(GraphOptions options, int concurrentRequests = 4, int recipientsPerDay = 10_000)
    {
        options.MessagesPerWindow = MessagesPerWindow;
        options.MessageWindow = Window;
        options.ConcurrentRequests = concurrentRequests;
        options.RecipientsPerDay = recipientsPerDay;
        options.RecipientWindow = RecipientWindow;
    }

    private static async Task SendAllAsync(GraphMailTransport transport, IEnumerable<OutgoingMail> mails) =>
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (mail, ct) => await transport.SendAsync(mail, ct));

    private static async Task<List<(OutgoingMail Mail, MailReceipt? Receipt, MailboxBudgetExhaustedException? Error)>> SendEachAsync(
        GraphMailTransport transport, IEnumerable<OutgoingMail> mails)
    {
        var results = new List<(OutgoingMail, MailReceipt?, MailboxBudgetExhaustedException?)>();
        foreach (var mail in mails)
        {
            try
            {
                results.Add((mail, await transport.SendAsync(mail, CancellationToken.None), null));
            }
            catch (MailboxBudgetExhaustedException ex)
            {
                results.Add((mail, null, ex));
            }
        }

        return results;
    }

    private void AssertEachOnce(IReadOnlyList<OutgoingMail> mails)
    {
        var counts = fixture.Emulator.Counts.SentPerRecipient;
        var wrong = mails.Where(m => counts.GetValueOrDefault(m.To) != 1).Select(m => $"{m.To}={counts.GetValueOrDefault(m.To)}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} messages were not sent exactly once: {string.Join(", ", wrong.Take(20))}");
        Assert.Equal(mails.Count, counts.Values.Sum());
    }

    private void Report(string what, IReadOnlyList<BlobMailboxLedgerStore> stores, int messages)
    {
        long reads = stores.Sum(s => s.Reads), writes = stores.Sum(s => s.Writes), conflicts = stores.Sum(s => s.Conflicts);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {messages} messages, ledger round trips {reads} reads + {writes} writes ({conflicts} conflicts) = {(double)(reads + writes) / messages:0.00} per message"));
    }

    private OutgoingMail Mail(int i) => new(
        $"mission{i}.{this.run}@missions.example", $"Mission {i}", $"Ledger test {this.run} #{i}", "I have the honour to write.", null, [],
        $"{this.run}.{i}@circulation");
}
