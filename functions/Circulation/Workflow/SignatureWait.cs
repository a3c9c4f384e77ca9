using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>How a wait for an admin after a failed digital signature ended: retried (sign again) or withdrawn.</summary>
/// <param name="Progress">The letter after the wait: awaiting its signature again, or withdrawn.</param>
/// <param name="Withdrawn">True when the letter was withdrawn: it is over, its manifest written.</param>
internal sealed record SignatureWait(LetterProgress Progress, bool Withdrawn);
