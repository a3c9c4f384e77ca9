namespace Circulation.Rendering;

/// <summary>Turns a letter into the PDF that approvers, the signatory and missions receive.</summary>
public interface ILetterRenderer
{
    /// <summary>Renders <paramref name="document"/> as a PDF and returns its bytes.</summary>
    byte[] Render(LetterDocument document);
}
