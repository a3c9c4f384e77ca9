using System.Globalization;
using Azure.Storage.Blobs;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Hosting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.ReadModel;
using Circulation.Tests.TestSupport;
using Circulation.Tests.TestSupport.Smtp;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>
/// The circulation workflow on the in-memory Durable Task test host, with Circulation's real services over a
/// real Azurite (archive). Mail goes through the real SMTP transport to this fixture's own <see cref="Smtp"/> server,
/// which keeps every message and hands the mail a person reads (requests, notices) on to the test stack's smtp4dev;
/// the missions' copies stay in <see cref="Smtp"/> (<see cref="MissionCopies"/>), so full-list distributions of
/// several test classes at once do not fill the one smtp4dev. Letters are started the way the HTTP layer starts them,
/// and links are acted on by raising the event the link pages raise.
/// </summary>
public class CirculationWorkflowFixture : IAsyncLifetime
{
    /// <summary>Bounds every wait, so a stuck workflow fails the test instead of hanging the run.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private readonly Lazy<Smtp4devClient> mail = new(() => new Smtp4devClient(TestStack.Smtp4devUrl));
    private readonly Smtp4devRelay relay = new(TestStack.SmtpPort);
    private BlobContainerClient? container;
    private DurableTaskTestHost? host;

    /// <summary>Starts the fixture's SMTP server (the host starts in <see cref="InitializeAsync"/>).</summary>
    public CirculationWorkflowFixture() => this.Smtp.Relay = this.RelayUnlessMissionCopyAsync;

    public string ContainerName { get; } = $"workflow-tests-{Guid.NewGuid():N}"[..32];

    /// <summary>The SMTP server every message goes through: script a recipient to make it throttle, refuse or drop.</summary>
    public ScriptedSmtpServer Smtp { get; } = ScriptedSmtpServer.Start(pipelining: true);

    public DurableTaskClient Client => this.Host.Client;

    /// <summary>What the test stack's smtp4dev received: the mail a person reads (not the missions' copies).</summary>
    public Smtp4devClient Mail => this.mail.Value;

    public LetterArchive Archive => this.Host.Services.GetRequiredService<LetterArchive>();

    /// <summary>The host's services, for running one activity by itself.</summary>
    public IServiceProvider Services => this.Host.Services;

    /// <summary>The service that issues and checks the links' tokens.</summary>
    public Circulation.Approval.LinkTokenService LinkTokens => this.Host.Services.GetRequiredService<Circulation.Approval.LinkTokenService>();

    public DeliveryRecords Deliveries => this.Host.Services.GetRequiredService<DeliveryRecords>();

    public MissionDirectory Missions => this.Host.Services.GetRequiredService<MissionDirectory>();

    public LetterReadModel ReadModel => this.Host.Services.GetRequiredService<LetterReadModel>();

    private DurableTaskTestHost Host => this.host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        string storage = TestStack.StorageConnectionString;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["Storage:ContainerName"] = this.ContainerName,
                ["Links:SigningKeys:workflow"] = "d29ya2Zsb3ctdGVzdHMtc2lnbmluZy1rZXktMDEyMzQ=",
                ["Links:ActiveKeyId"] = "workflow",
                ["Links:PublicBaseUrl"] = "http://127.0.0.1:1",
                ["Links:Lifetime"] = "01:00:00",
            })
            .AddInMemoryCollection(this.MailSettings())
            .AddInMemoryCollection(TestSigning.Settings())
            .Build();

        this.container = new BlobContainerClient(storage, this.ContainerName);
        await this.container.CreateIfNotExistsAsync();

        this.host = await DurableTaskTestHost.StartAsync(
            this.Register,
            new DurableTaskTestHostOptions
            {
                Port = FreePort.Find(),
                ConfigureServices = services =>
                {
                    services.AddCirculationCore(configuration);
                    this.ConfigureServices(services, configuration);
                },
            });
        await this.Archive.EnsureCreatedAsync(CancellationToken.None);
        await this.Deliveries.EnsureCreatedAsync(CancellationToken.None);
        await this.ReadModel.EnsureCreatedAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (this.host is not null)
        {
            await this.host.DisposeAsync();
        }

        if (this.mail.IsValueCreated)
        {
            this.mail.Value.Dispose();
        }

        await this.Smtp.DisposeAsync();
        this.relay.Dispose();

        if (this.container is not null)
        {
            await this.container.DeleteIfExistsAsync();
            await new BlobContainerClient(TestStack.StorageConnectionString, this.ContainerName + "-work").DeleteIfExistsAsync();
        }
    }

    /// <summary>Registers the orchestrators and activities; a derived fixture may stand in for an activity (<see cref="CirculationTasks.RegisterReplacing"/>).</summary>
    protected virtual void Register(DurableTaskRegistry registry) => CirculationTasks.Register(registry);

    /// <summary>The workflow version letters start on, as the host's <c>defaultVersion</c> would give them.</summary>
    protected virtual string StartVersion => WorkflowVersions.Current;

    /// <summary>The first wait before a failed digital signature is tried again, given to every letter started; null: the workflow's default.</summary>
    protected virtual TimeSpan? SigningRetryInterval => null;

    /// <summary>Changes the services after Circulation's own registrations (e.g. storage with injected faults).</summary>
    protected virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>The "Mail" settings the services get: send through <see cref="Smtp"/>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MailSettings() =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", this.Smtp.Port.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>
    /// Every message <see cref="Smtp"/> accepted (relayed or not) with exactly the letter's <paramref name="subject"/>: the
    /// missions' copies (requests and notices have subjects of their own).
    /// </summary>
    public IReadOnlyList<MimeMessage> MissionCopies(string subject) =>
        [.. this.Smtp.Accepted.Select(m => m.Parse()).Where(m => m.Subject == subject)];

    /// <summary>Hands a message on to smtp4dev unless it is a mission's copy.</summary>
    private Task RelayUnlessMissionCopyAsync(AcceptedSmtpMessage message)
    {
        using var content = new MemoryStream(message.Data, writable: false);
        return HeaderList.Load(content).Contains(LetterMails.MissionHeader) ? Task.CompletedTask : this.relay.SendAsync(message);
    }

    /// <summary>
    /// Archives version 1 of <paramref name="draft"/> and starts its workflow: circulating at once as POST api/letters
    /// does, or, with <paramref name="asDraft"/>, waiting for a submission as POST api/drafts does.
    /// </summary>
    public async Task<string> StartAsync(LetterDraft draft, TimeSpan linkLifetime, bool asDraft = false)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string id = LetterId.New(DateTimeOffset.UtcNow);
        await this.Host.Services.GetRequiredService<LetterVersions>().SaveAsync(id, 1, draft, CancellationToken.None);
        var input = new CirculationInput(
            id, 1, draft.Subject, draft.Approvers, draft.Signatory.Email, draft.Drafter, draft.DistributionList, linkLifetime, DistributionParallelism: 16,
            AwaitSubmission: asDraft, SigningRetryInterval: this.SigningRetryInterval);
        await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CirculateLetter), input, new StartOrchestrationOptions(id) { Version = this.StartVersion });
        return id;
    }

    /// <summary>
    /// A one-approver letter from <paramref name="tag"/>'s drafter to the Permanent Representatives, started, approved and
    /// signed; <paramref name="beforeSignature"/> runs just before the signature (e.g. to arm a fault).
    /// </summary>
    public async Task<(string Id, LetterDraft Draft)> StartAndSignAsync(string tag, string subject, Action? beforeSignature = null)
    {
        var draft = new LetterDraft(
            subject,
            DateOnly.FromDateTime(DateTime.UtcNow),
            "I have the honour to inform you that the informal consultations will resume in the coming weeks.",
            new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
            [$"approver.{tag}@un.example"],
            MissionDirectory.PermanentRepresentativesListId,
            $"drafter.{tag}@un.example");
        string id = await this.StartAsync(draft, TimeSpan.FromHours(1));
        var approval = await this.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await this.ActAsync(id, approval.Pending!, ApprovalDecision.Approve);
        var signature = await this.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        beforeSignature?.Invoke();
        await this.ActAsync(id, signature.Pending!, ApprovalDecision.Approve);
        return (id, draft);
    }

    /// <summary>Archives <paramref name="draft"/> as <paramref name="version"/> and tells the workflow, as PUT api/letters/{id} does.</summary>
    public async Task ReviseAsync(string id, int version, LetterDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await this.Host.Services.GetRequiredService<LetterVersions>().SaveAsync(id, version, draft, CancellationToken.None);
        await this.RaiseDraftChangeAsync(id, DraftChangeKind.Revised, version, draft);
    }

    /// <summary>Submits an archived version, as POST api/letters/{id}/submit does.</summary>
    public Task SubmitAsync(string id, int version, LetterDraft draft) => this.RaiseDraftChangeAsync(id, DraftChangeKind.Submitted, version, draft);

    /// <summary>Raises a draft event for any version, e.g. a stale one.</summary>
    public Task RaiseDraftChangeAsync(string id, DraftChangeKind kind, int version, LetterDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return this.Client.RaiseEventAsync(
            id,
            DraftChange.EventName,
            new DraftChange(kind, version, draft.Subject, draft.Approvers, draft.Signatory.Email, draft.Drafter, draft.DistributionList, DateTimeOffset.UtcNow));
    }

    /// <summary>Polls the status until the letter is at <paramref name="stage"/> with <paramref name="version"/> and nothing pending.</summary>
    public async Task<LetterProgress> WaitForStageAsync(string id, LetterStage stage, int version)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        string last = "no status yet";
        while (DateTime.UtcNow < deadline)
        {
            var instance = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance is not null)
            {
                last = $"{instance.RuntimeStatus}: {instance.SerializedCustomStatus} {instance.FailureDetails?.ErrorMessage}";
                Assert.False(instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated, $"Letter {id}: {last}");
                var progress = instance.ReadCustomStatusAs<LetterProgress>();
                if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && progress is not null
                    && progress.Stage == stage && progress.Version == version && progress.Pending is null
                    && await this.ShownAsync(id, progress) is { } shown)
                {
                    return shown;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Letter {id} never reached {stage} at version {version}; last status: {last}");
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>Polls until the input of the letter's current execution (it changes as the workflow continues as new) satisfies <paramref name="condition"/>.</summary>
    public async Task<CirculationInput> WaitForInputAsync(string id, Func<CirculationInput, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + WaitLimit;
        string last = "no instance yet";
        while (DateTime.UtcNow < deadline)
        {
            var instance = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.ReadInputAs<CirculationInput>() is { } input)
            {
                last = $"{instance.RuntimeStatus}: {instance.SerializedInput}";
                if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && condition(input))
                {
                    return input;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Letter {id}'s input never matched; last: {last}");
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>
    /// The letter's progress as its pages show it: the small custom status with the approvals,
    /// earlier rounds and note from the read model, once the read model has caught up with the status.
    /// </summary>
    public async Task<LetterProgress?> ReadProgressAsync(string id)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (DateTime.UtcNow < deadline)
        {
            var instance = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.ReadCustomStatusAs<LetterProgress>() is not { } status)
            {
                return null;
            }

            if (await this.ShownAsync(id, status) is { } shown)
            {
                return shown;
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>
    /// <paramref name="status"/> completed from the read model (approvals, earlier rounds and note rebuilt from the timeline,
    /// as the letter page does), or null while the read model's row does not yet show the same stage, version, pending
    /// step and counts. The pending link keeps the status's token id.
    /// </summary>
    public async Task<LetterProgress?> ShownAsync(string id, LetterProgress status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var row = await this.ReadModel.FindAsync(id, CancellationToken.None);
        if (row is null || row.Stage != status.Stage.ToString() || row.Version != status.Version || row.PendingKind != status.Pending?.Kind.ToString()
            || row.PendingStep != status.Pending?.Step || row.Sent != status.Deliveries.Sent || row.Failed != status.Deliveries.Failed)
        {
            return null;
        }

        var timeline = await this.ReadModel.TimelineAsync(id, CancellationToken.None);
        return row.ToProgress(LetterHistory.Approvals(timeline, row.Version), LetterHistory.EarlierRounds(timeline, row.Version), LetterHistory.Note(timeline, row.Note))
            with { Pending = status.Pending };
    }

    /// <summary>Polls the status until the letter waits on a <paramref name="kind"/> link for <paramref name="step"/>.</summary>
    public async Task<LetterProgress> WaitForPendingAsync(string id, LinkPurpose kind, int step)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        string last = "no status yet";
        while (DateTime.UtcNow < deadline)
        {
            var instance = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance is not null)
            {
                last = $"{instance.RuntimeStatus}: {instance.SerializedCustomStatus} {instance.FailureDetails?.ErrorMessage}";
                if (instance.IsCompleted)
                {
                    break;
                }

                var progress = instance.ReadCustomStatusAs<LetterProgress>();
                if (progress?.Pending is { } pending && pending.Kind == kind && pending.Step == step && await this.ShownAsync(id, progress) is { } shown)
                {
                    return shown;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Letter {id} never waited on a {kind} link for step {step}; last status: {last}");
        throw new InvalidOperationException("Unreachable.");
    }

    /// <summary>Acts on the pending link, raising the same event the link pages raise.</summary>
    public Task ActAsync(string id, PendingAction pending, ApprovalDecision decision, string comment = "") =>
        this.Client.RaiseEventAsync(
            id, LinkAction.EventName(pending.TokenId), new LinkAction(pending.TokenId, decision, comment, DateTimeOffset.UtcNow, pending.RenditionSha256));

    /// <summary>Raises a link event for any token id, e.g. a stale one.</summary>
    public Task ActAsync(string id, string tokenId, ApprovalDecision decision, string comment = "") =>
        this.Client.RaiseEventAsync(id, LinkAction.EventName(tokenId), new LinkAction(tokenId, decision, comment, DateTimeOffset.UtcNow));

    /// <summary>Waits (bounded) for the workflow to end; asserts it completed and returns its final progress.</summary>
    public async Task<LetterProgress> WaitForEndAsync(string id)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        OrchestrationMetadata done;
        try
        {
            done = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Letter {id} did not end within {WaitLimit.TotalSeconds} s; status: {await this.ReadProgressAsync(id)}");
            throw;
        }

        Assert.True(
            done.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Letter {id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorType} {done.FailureDetails?.ErrorMessage}\n{done.FailureDetails?.StackTrace}");
        return done.ReadOutputAs<LetterProgress>() ?? throw new InvalidOperationException($"Letter {id} completed without output.");
    }

    /// <summary>The names of the letter's archived files.</summary>
    public async Task<IReadOnlyList<string>> ArchivedNamesAsync(string id) =>
        [.. (await this.Archive.ListAsync(id, CancellationToken.None)).Select(f => f.Name)];
}
