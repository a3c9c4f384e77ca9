using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Tells the drafter that someone else (an admin) withdrew their letter, who and why.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version withdrawn.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Drafter">The drafter, who is told.</param>
/// <param name="Withdrawal">Who withdrew it, when and why.</param>
public sealed record DrafterWithdrawalNotice(string LetterId, int Version, string Subject, string Drafter, LetterAction Withdrawal);
