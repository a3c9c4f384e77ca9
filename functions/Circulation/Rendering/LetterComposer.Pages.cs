using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;

namespace Circulation.Rendering;

// The layout engine: pages opened and closed, room checked, lines flowed down the page onto new ones without widows
// or orphans.
internal sealed partial class LetterComposer
{
    private void StartPage()
    {
        EndPage();
        page = pdf.AddPage();
        page.Size = PageSize.A4;
        if (firstPageIndex < 0)
        {
            firstPageIndex = pdf.PageCount - 1;
        }

        pageNumber++;
        gfx = XGraphics.FromPdfPage(page);
        y = PageTop;

        if (letter.IsDraft)
        {
            var mark = string.Create(CultureInfo.InvariantCulture, $"DRAFT \u2014 version {letter.Version} \u2014 not for circulation");
            DrawCentered(mark, fonts.Draft, fonts.Grey, DraftMarkTop);
        }

        if (pageNumber > 1)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"- {pageNumber} -");
            DrawCentered(number, fonts.PageNumber, fonts.Ink, PageHeight - PageNumberTop);
        }
    }

    private void EndPage()
    {
        gfx?.Dispose();
        gfx = null;
    }

    /// <summary>Moves to a new page unless <paramref name="height"/> still fits on this one.</summary>
    private void EnsureRoom(double height)
    {
        if (y + height > Bottom + Epsilon && y > PageTop + Epsilon)
        {
            StartPage();
        }
    }

    /// <summary>Adds vertical space, except at the top of a page.</summary>
    private void Space(double height)
    {
        if (y > PageTop + Epsilon)
        {
            y += height;
        }
    }

    /// <summary>
    /// Flows lines down the page, continuing on new pages, never leaving a paragraph's first line alone at
    /// the foot of a page nor its last line alone at the top of the next.
    /// </summary>
    private void FlowLines(IReadOnlyList<TextLine> lines, Action<TextLine, int> draw)
    {
        var index = 0;
        while (index < lines.Count)
        {
            var remaining = lines.Count - index;
            var fit = (int)Math.Floor((Bottom - y + Epsilon) / lineHeight);
            var take = Math.Min(Math.Max(fit, 0), remaining);
            if (take < remaining)
            {
                if (remaining - take == 1 && take > 1)
                {
                    take--; // no widow
                }

                if (index == 0 && take == 1)
                {
                    take = 0; // no orphan
                }

                if (take == 0 && y <= PageTop + Epsilon)
                {
                    take = Math.Min(1, remaining); // an empty page always takes something
                }
            }

            for (var i = 0; i < take; i++)
            {
                draw(lines[index + i], index + i);
                y += lineHeight;
            }

            index += take;
            if (index < lines.Count)
            {
                StartPage();
            }
        }
    }
}
