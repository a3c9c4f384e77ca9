using System.Globalization;
using System.Text;
using Circulation.Drafting;
using Circulation.Rendering;

namespace Circulation.Web;

/// <summary>
/// A letter body in HTML for the link pages, from the same parse the PDF uses: paragraphs, nested
/// bulleted and numbered lists, italic, bold and forced line breaks. Every character of text is encoded.
/// </summary>
internal static class LetterHtml
{
    /// <summary>The body of <paramref name="markdown"/> as HTML paragraphs and lists.</summary>
    public static string Body(string? markdown)
    {
        var html = new StringBuilder();
        var open = new Stack<string>(); // the tags of the lists open, innermost on top, each with an open <li>
        foreach (var block in LetterMarkdown.Parse(markdown).Blocks)
        {
            if (block.ListLevel == 0)
            {
                CloseTo(0);
                html.Append("<p>").Append(Inline(block.Spans)).Append("</p>");
                continue;
            }

            if (block.Marker is null)
            {
                CloseTo(block.ListLevel);
                html.Append("<p>").Append(Inline(block.Spans)).Append("</p>"); // a further paragraph of the item
                continue;
            }

            string tag = char.IsAsciiDigit(block.Marker[0]) ? "ol" : "ul";
            CloseTo(block.ListLevel);
            if (open.Count == block.ListLevel && open.Peek() != tag)
            {
                CloseTo(block.ListLevel - 1);
            }

            if (open.Count == block.ListLevel)
            {
                html.Append("</li>");
            }

            while (open.Count < block.ListLevel)
            {
                string start = tag == "ol" && open.Count == block.ListLevel - 1 ? Start(block.Marker) : "";
                html.Append('<').Append(tag).Append(start).Append('>');
                open.Push(tag);
                if (open.Count < block.ListLevel)
                {
                    html.Append("<li>");
                }
            }

            html.Append("<li>").Append(Inline(block.Spans));
        }

        CloseTo(0);
        return html.ToString();

        void CloseTo(int level)
        {
            while (open.Count > level)
            {
                html.Append("</li></").Append(open.Pop()).Append('>');
            }
        }
    }

    /// <summary>The enclosures as listed under the cover letter's signature, without the "Enclosures:" label, encoded; empty without enclosures.</summary>
    public static string Enclosures(IReadOnlyList<Enclosure>? enclosures) =>
        LetterDocumentFactory.EnclosureNote(enclosures) is { } note ? HtmlPage.Enc(note[(note.IndexOf(": ", StringComparison.Ordinal) + 2)..]) : "";

    private static string Start(string marker)
    {
        string digits = new([.. marker.TakeWhile(char.IsAsciiDigit)]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int start) && start != 1
            ? string.Create(CultureInfo.InvariantCulture, $" start=\"{start}\"")
            : "";
    }

    private static string Inline(IReadOnlyList<TextSpan> spans)
    {
        var html = new StringBuilder();
        foreach (var span in spans)
        {
            if (span.IsLineBreak)
            {
                html.Append("<br>");
                continue;
            }

            string text = HtmlPage.Enc(span.Text);
            html.Append(span.Style switch
            {
                TextStyle.Italic => $"<em>{text}</em>",
                TextStyle.Bold => $"<strong>{text}</strong>",
                TextStyle.Bold | TextStyle.Italic => $"<strong><em>{text}</em></strong>",
                _ => text,
            });
        }

        return html.ToString();
    }
}
