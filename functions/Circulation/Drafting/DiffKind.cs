namespace Circulation.Drafting;

/// <summary>Whether a piece of text is in both versions, only the earlier one, or only the later one.</summary>
public enum DiffKind
{
    /// <summary>In both versions.</summary>
    Same,

    /// <summary>Only in the earlier version.</summary>
    Removed,

    /// <summary>Only in the later version.</summary>
    Added,
}
