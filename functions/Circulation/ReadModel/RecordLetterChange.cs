using Microsoft.DurableTask;

namespace Circulation.ReadModel;

/// <summary>Activity: writes a letter's change to the read model (its row and its timeline event); idempotent.</summary>
public sealed class RecordLetterChange : TaskActivity<LetterChange, bool>
{
    private readonly LetterReadModel readModel;

    /// <summary>Creates the activity.</summary>
    public RecordLetterChange(LetterReadModel readModel) => this.readModel = readModel;

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, LetterChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.readModel.RecordAsync(input, CancellationToken.None);
        return true;
    }
}
