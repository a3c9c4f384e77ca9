using System.Collections.Concurrent;
using Circulation.Archive;
using Circulation.Signature;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Tests.Workflow;

/// <summary>
/// Stands in for the <see cref="RenderSignedLetter"/> activity (registered under its name): fails the first calls a
/// test arms for a letter, as an unreachable timestamp authority would, then runs the real activity, whatever its
/// signing does. Counts every call per letter.
/// </summary>
public sealed class FaultySigner : TaskActivity<SigningRequest, ArchivedFile>
{
    /// <summary>The reason each armed failure gives, in the words a signing fault would.</summary>
    public const string Reason = "The timestamp authority at https://tsa.example.invalid did not answer: the connection was refused.";

    private static readonly ConcurrentDictionary<string, int> FailuresLeft = new();
    private static readonly ConcurrentDictionary<string, int> Calls = new();
    private readonly IServiceProvider services;

    public FaultySigner(IServiceProvider services) => this.services = services;

    /// <summary>Makes the next <paramref name="times"/> calls for <paramref name="letterId"/> fail.</summary>
    public static void FailNext(string letterId, int times) => FailuresLeft[letterId] = times;

    /// <summary>How many times the signing step ran for <paramref name="letterId"/>, failed or not.</summary>
    public static int CallsFor(string letterId) => Calls.GetValueOrDefault(letterId);

    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, SigningRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Calls.AddOrUpdate(input.LetterId, 1, (_, n) => n + 1);
        if (FailuresLeft.TryGetValue(input.LetterId, out int left) && left > 0 && FailuresLeft.TryUpdate(input.LetterId, left - 1, left))
        {
            throw new InvalidOperationException(Reason);
        }

        var real = ActivatorUtilities.GetServiceOrCreateInstance<RenderSignedLetter>(this.services);
        return await real.RunAsync(context, input);
    }
}
