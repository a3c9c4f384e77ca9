using Microsoft.DurableTask;

namespace Circulation.ReadModel;

/// <summary>Activity: adds one event to a letter's timeline without touching its row (a resend's request); idempotent.</summary>
public sealed class RecordLetterEvent : TaskActivity<LetterEventRecord, bool>
{
    private readonly LetterReadModel readModel;

    /// <summary>Creates the activity.</summary>
    public RecordLetterEvent(LetterReadModel readModel) => this.readModel = readModel;

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, LetterEventRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.readModel.AppendAsync(input.LetterId, input.Event, CancellationToken.None);
        return true;
    }
}
