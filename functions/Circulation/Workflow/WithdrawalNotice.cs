using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Tells the person who had a pending link that the letter was withdrawn and nothing is needed from them.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version they were asked to act on.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Withdrawal">Who withdrew it, when and why; its <see cref="LetterAction.Person"/> is who is told.</param>
public sealed record WithdrawalNotice(string LetterId, int Version, string Subject, LetterAction Withdrawal);
