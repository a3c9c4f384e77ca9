namespace Circulation.Rendering;

/// <summary>The emphasis of a run of body text.</summary>
[Flags]
public enum TextStyle
{
    /// <summary>Upright, regular weight.</summary>
    Regular = 0,

    /// <summary>Italic (Markdown *text* or _text_).</summary>
    Italic = 1,

    /// <summary>Bold (Markdown **text** or __text__).</summary>
    Bold = 2,
}
