namespace Circulation.Rendering;

/// <summary>Turns letters into the PDF that approvers, the signatory and missions receive.</summary>
public interface ILetterRenderer
{
    /// <summary>Renders one letter with no enclosures as a PDF and returns its bytes.</summary>
    byte[] Render(LetterDocument document);

    /// <summary>Renders the cover letter and its enclosures, in order, as one PDF and returns its bytes.</summary>
    byte[] Render(LetterPackage package);
}
