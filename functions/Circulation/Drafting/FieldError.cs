namespace Circulation.Drafting;

/// <summary>A problem with one field of a submitted letter.</summary>
/// <param name="Field">The JSON field name, e.g. "signatory.email" or "approvers[1]".</param>
/// <param name="Message">What is wrong, in words a drafter understands.</param>
public sealed record FieldError(string Field, string Message);
