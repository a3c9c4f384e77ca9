namespace Circulation.Drafting;

/// <summary>A field of the letter other than its body that differs between two versions.</summary>
/// <param name="Field">The field as people call it, e.g. "Subject".</param>
/// <param name="Before">Its value in the earlier version.</param>
/// <param name="After">Its value in the later version.</param>
public sealed record FieldChange(string Field, string Before, string After);
