using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The distribution survives the host being killed (kill -9) while it is sending the signed letter to the missions:
/// after a restart on the same task hub it goes on where it stopped, every mission gets the letter and has one
/// delivery record, no mission recorded before the kill gets it again, and no more missions get it twice than there
/// were sends in flight. Each run appends its figures (resume times, repeats) to artifacts/durability-figures.log.
/// </summary>
[Collection(Collections.Durability)]
public sealed class DistributionCrashTests(DurabilityHostFixture fixture, ITestOutputHelper output)
{
    /// <summary>Missions counted as sent (in the letter's status) before the kill: a good part, far from all 241.</summary>
    private const int SentBeforeKill = 40;

    [Fact]
    public async Task HostKilledMidDistribution_ResumesAfterRestart_EveryMissionGetsTheLetterAndOneRecord_RepeatsBoundedBySendsInFlight()
    {
        var host = fixture.Host;
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("Crash");
        string subject = TestLetters.Subject(tag);
        var missions = MailAssertions.MissionsOn(TestLetters.AllMissions);
        Assert.True(missions.Count > 200, $"The list has only {missions.Count} missions.");

        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.AllMissions));
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag), TimeSpan.FromMinutes(2)));

        // Kill the host once a good part of the missions count as sent, while the rest are still to go.
        int sentSeen = 0;
        string seen = "";
        await Poll.UntilAsync(
            $"letter {id} to count at least {SentBeforeKill} missions as sent",
            TimeSpan.FromMinutes(4),
            async () =>
            {
                var letter = await api.GetLetterAsync(id);
                var deliveries = letter.GetProperty("deliveries");
                string? stage = letter.GetProperty("stage").GetString();
                sentSeen = deliveries.GetProperty("sent").GetInt32();
                seen = $"stage {stage}, deliveries {deliveries}";
                Assert.False(stage == "Distributed", $"Letter {id} was distributed before the test could kill the host ({seen}).");
                return sentSeen >= SentBeforeKill;
            },
            () => seen);

        // The status moves when the workflow takes in a batch of results; the sends run in between. Kill while they
        // run: the moment the delivery records are seen growing, some missions' sends are under way.
        int recordsSeen = (await DeliveryRecordsAsync(id)).Count;
        await Poll.UntilAsync(
            $"letter {id}'s delivery records to grow (sends under way)",
            TimeSpan.FromMinutes(2),
            async () =>
            {
                int before = recordsSeen;
                recordsSeen = (await DeliveryRecordsAsync(id)).Count;
                Assert.True(recordsSeen < missions.Count, $"All {missions.Count} missions were recorded before the test could kill the host.");
                return recordsSeen > before;
            },
            () => $"{recordsSeen} delivery records",
            TimeSpan.FromMilliseconds(20));
        var killedAt = DateTimeOffset.UtcNow;
        host.Kill();
        Assert.Null(host.ProcessId);

        // With the host dead nothing more can be recorded or sent: what the kill left behind, exactly.
        var recordedAtKill = await DeliveryRecordsAsync(id);
        Assert.True(
            recordedAtKill.Count >= sentSeen,
            $"The status counted {sentSeen} missions as sent but only {recordedAtKill.Count} have a delivery record: an outcome was reported before it was recorded.");
        Assert.True(
            recordedAtKill.Count < missions.Count,
            $"All {missions.Count} missions were recorded before the kill took effect: the test did not interrupt the distribution.");

        // Start again on the same task hub and container: the distribution goes on by itself.
        var restartAt = DateTimeOffset.UtcNow;
        var sinceRestart = Stopwatch.StartNew();
        await host.RestartAsync();
        var healthy = sinceRestart.Elapsed;
        int recordedNow = recordedAtKill.Count;
        await Poll.UntilAsync(
            $"letter {id}'s distribution to resume after the restart (a mission without a record at the kill gets one)",
            TimeSpan.FromMinutes(3),
            async () => (recordedNow = (await DeliveryRecordsAsync(id)).Count) > recordedAtKill.Count,
            () => $"{recordedNow} delivery records, {recordedAtKill.Count} at the kill");
        var resumed = sinceRestart.Elapsed;

        // What the user sees: distributed to all, none failed.
        var done = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(6), completed: true);
        var distributed = sinceRestart.Elapsed;
        var tally = done.GetProperty("deliveries");
        Assert.Equal(missions.Count, tally.GetProperty("total").GetInt32());
        Assert.Equal(missions.Count, tally.GetProperty("sent").GetInt32());
        Assert.Equal(0, tally.GetProperty("failed").GetInt32());

        // The deliveries: one record per mission, each a success, and the manifest says the same.
        var archive = await api.GetArchiveAsync(id);
        var signed = Assert.Single(archive, f => f.Name == ArchivePaths.SignedPdf);
        var expectedRecords = missions.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var records = await DeliveryRecordsAsync(id);
        Assert.Equal(expectedRecords, await api.MissionsInStateAsync(id, "Sent"));
        Assert.True(expectedRecords.SetEquals(records), $"Delivery records: {records.Count}; missing: {string.Join(", ", expectedRecords.Except(records).Take(20))}");
        var manifest = await this.ManifestAsync(id);
        Assert.Equal((missions.Count, missions.Count, 0), (manifest.Deliveries.Total, manifest.Deliveries.Sent, manifest.Deliveries.Failed));
        Assert.Equal(missions.Count, manifest.MissionDeliveries.Count);
        Assert.True(missions.Select(m => m.Id).ToHashSet(StringComparer.Ordinal).SetEquals(manifest.MissionDeliveries.Select(d => d.MissionId)));
        var unsent = manifest.MissionDeliveries.Where(d => !d.Sent).Select(d => $"{d.MissionId}: {d.Reason}").ToList();
        Assert.True(unsent.Count == 0, $"{unsent.Count} missions recorded as failed: {string.Join("; ", unsent.Take(10))}");

        // The mail: every mission's address got the signed PDF, and nobody else got anything.
        var copies = await MailAssertions.AssertEachMissionGotAtLeastOneAsync(mail, tag, subject, missions, TimeSpan.FromMinutes(2));
        await MailAssertions.AssertEveryCopyCarriesThePdfAsync(mail, copies, id, signed.Sha256);
        await mail.WaitForAsync($"Circulated: {subject}", TestLetters.Drafter(tag));
        await mail.WaitForAsync($"Circulated: {subject}", TestLetters.Signatory(tag));
        var all = await mail.ListAsync(tag);
        Assert.Single(all, m => m.Subject == $"For approval: {subject}");
        Assert.Single(all, m => m.Subject == $"For signature: {subject}");
        Assert.Equal(2, all.Count(m => m.Subject == $"Circulated: {subject}"));
        Assert.Equal(4, all.Count(m => m.Subject != subject));

        // Repeats. SendToMissions checks each mission's record before sending, so a mission recorded at the kill is never
        // sent again. One not yet recorded can get a second copy when the kill fell after the mail server accepted its
        // copy and before the record was written, or when the workflow had just scheduled it (the backend enqueues a
        // step before it checkpoints, so after the restart the step can run twice at once). Either way it is one of
        // the missions the window had out at the kill, so there are no more repeats than sends in flight at once.
        var byMission = missions.ToDictionary(m => m.Email.ToLowerInvariant(), m => m.Id, StringComparer.Ordinal);
        var repeated = copies.GroupBy(c => c.To.Single().ToLowerInvariant(), StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        int extra = copies.Count - missions.Count;
        int copiesBeforeRestart = copies.Count(c => c.ReceivedDate <= restartAt);
        string repeatTimes = repeated.Count == 0 ? "" : string.Create(
            CultureInfo.InvariantCulture,
            $"; median arrival of a repeated mission's copies: +{Median(repeated.Select(g => (g.Min(c => c.ReceivedDate) - killedAt).TotalSeconds)):0.00} s "
            + $"and +{Median(repeated.Select(g => (g.Max(c => c.ReceivedDate) - killedAt).TotalSeconds)):0.00} s after the kill");
        string figures = string.Create(
            CultureInfo.InvariantCulture,
            $"letter {id}: status counted {sentSeen} sent, then records seen growing; at the kill {recordedAtKill.Count} delivery records, "
            + $"{copiesBeforeRestart} copies received before the restart; after restart: healthy {healthy.TotalSeconds:0.0} s, first new delivery record "
            + $"{resumed.TotalSeconds:0.0} s, distributed {distributed.TotalSeconds:0.0} s; {copies.Count} copies for {missions.Count} missions: "
            + $"{extra} repeated ({string.Join(", ", repeated.Select(g => byMission[g.Key]))}){repeatTimes}; "
            + $"the restarted host found {this.SkippedAsAlreadyDelivered(id)} missions already recorded and did not send");
        output.WriteLine(figures);
        KeepFigures(figures);

        var recordedYetRepeated = repeated.Select(g => byMission[g.Key]).Where(recordedAtKill.Contains).ToList();
        Assert.True(
            recordedYetRepeated.Count == 0,
            $"Missions whose delivery record existed at the kill were sent the letter again: {string.Join(", ", recordedYetRepeated)}. {figures}");
        Assert.True(
            extra <= DurabilityHostFixture.DistributionParallelism,
            $"{extra} repeated copies, more than the {DurabilityHostFixture.DistributionParallelism} sends in flight at once. {figures}");

        // A repeat is the same message (same Message-ID), so a mail system or reader can tell it is one.
        foreach (var group in repeated)
        {
            var ids = new List<string>();
            foreach (var copy in group)
            {
                using var message = await mail.RawAsync(copy.Id);
                ids.Add(message.MessageId ?? "(none)");
            }

            Assert.All(ids, messageId => Assert.Equal($"{id}.{byMission[group.Key]}@circulation", messageId));
        }

        var (status, _, pdf) = await api.GetPdfAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(signed.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
    }

    /// <summary>The ids of the missions with a delivery record for <paramref name="letterId"/>, read from the container.</summary>
    /// <summary>The missions with a recorded outcome, read from the deliveries table itself (the host may be down).</summary>
    private static async Task<IReadOnlySet<string>> DeliveryRecordsAsync(string letterId)
    {
        var table = new TableClient(TestEnvironment.StorageConnectionString, new StorageOptions().DeliveriesTableName);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == letterId, select: ["RowKey"]))
        {
            ids.Add(row.RowKey.Split('|')[0]);
        }

        return ids;
    }

    private async Task<LetterManifest> ManifestAsync(string letterId)
    {
        var content = await fixture.Container.GetBlobClient($"{letterId}/{ArchivePaths.Manifest}").DownloadContentAsync();
        return ArchiveJson.FromBytes<LetterManifest>(content.Value.Content.ToMemory().Span);
    }

    /// <summary>How often the host's log says it found a mission of this letter already recorded and did not send.</summary>
    private int SkippedAsAlreadyDelivered(string letterId)
    {
        _ = fixture.Host.LogTail(1); // Flushes the log.
        using var stream = new FileStream(fixture.Host.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string marker = $"Letter {letterId}: mission ";
        int count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal) && line.Contains("already has a delivery outcome", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Appends the run's figures to artifacts/durability-figures.log, to compare runs.</summary>
    private static void KeepFigures(string figures)
    {
        Directory.CreateDirectory(TestEnvironment.ArtifactsDirectory);
        File.AppendAllText(
            Path.Combine(TestEnvironment.ArtifactsDirectory, "durability-figures.log"),
            string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {figures}{Environment.NewLine}"));
    }
}
