using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Circulation.Drafting;

/// <summary>
/// What changed between two versions of a letter, as an approver reads it: the fields that changed (subject, date,
/// signatory, approvers, list) and the body's changed paragraphs with word-level marks.
/// </summary>
/// <param name="FromVersion">The earlier version.</param>
/// <param name="ToVersion">The later version.</param>
/// <param name="Fields">Fields other than the body that changed.</param>
/// <param name="Paragraphs">Paragraphs of the body that changed, were added or were removed, in reading order.</param>
public sealed partial record LetterChanges(int FromVersion, int ToVersion, IReadOnlyList<FieldChange> Fields, IReadOnlyList<ParagraphChange> Paragraphs)
{
    private const string DelStyle = "background:#fde2e0;color:#8a1c14;text-decoration:line-through";
    private const string InsStyle = "background:#dff3e6;color:#125c2f;text-decoration:underline";

    /// <summary>True when the two versions print the same letter to the same people.</summary>
    public bool IsEmpty => this.Fields.Count == 0 && this.Paragraphs.Count == 0;

    /// <summary>Words added to the body.</summary>
    public int WordsAdded => CountWords(this.Paragraphs, DiffKind.Added);

    /// <summary>Words removed from the body.</summary>
    public int WordsRemoved => CountWords(this.Paragraphs, DiffKind.Removed);

    /// <summary>One sentence, e.g. "The subject and 2 paragraphs of the body changed (+12 words, -5 words)."</summary>
    public string Summary
    {
        get
        {
            if (this.IsEmpty)
            {
                return "Nothing in the letter changed.";
            }

            var parts = this.Fields.Select(f => $"the {f.Field.ToLowerInvariant()}").ToList();
            if (this.Paragraphs.Count > 0)
            {
                parts.Add(this.Paragraphs.Count == 1 ? "1 paragraph of the body" : $"{this.Paragraphs.Count} paragraphs of the body");
            }

            string list = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
            string words = this.Paragraphs.Count > 0 ? $" (+{this.WordsAdded} words, -{this.WordsRemoved} words)" : "";
            return $"{char.ToUpperInvariant(list[0])}{list[1..]} changed{words}.";
        }
    }

    /// <summary>Compares version <paramref name="fromVersion"/> (<paramref name="from"/>) with <paramref name="toVersion"/> (<paramref name="to"/>).</summary>
    public static LetterChanges Between(int fromVersion, LetterDraft from, int toVersion, LetterDraft to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var fields = new List<FieldChange>();
        void Compare(string field, string before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                fields.Add(new FieldChange(field, before, after));
            }
        }

        Compare("Subject", from.Subject, to.Subject);
        // An undated letter's stored date is only the day it was saved: what it will print is "dated on signing".
        static string DateOf(LetterDraft d) => d.DatedOnSigning ? "Dated on the day it is signed" : d.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        Compare("Date", DateOf(from), DateOf(to));
        Compare("Signatory", $"{from.Signatory.Name}, {from.Signatory.Title} <{from.Signatory.Email}>", $"{to.Signatory.Name}, {to.Signatory.Title} <{to.Signatory.Email}>");
        Compare("Approvers", string.Join(", ", from.Approvers), string.Join(", ", to.Approvers));
        Compare("Distribution list", from.DistributionList, to.DistributionList);
        Compare("Enclosures", DescribeEnclosures(from.Enclosures), DescribeEnclosures(to.Enclosures));
        return new LetterChanges(fromVersion, toVersion, fields, CompareBodies(from.Body, to.Body));
    }

    /// <summary>The enclosures in one line each, with a fingerprint of an enclosed letter's text so an edit to it shows as a change.</summary>
    private static string DescribeEnclosures(IReadOnlyList<Enclosure>? enclosures)
    {
        if (enclosures is null || enclosures.Count == 0)
        {
            return "none";
        }

        return string.Join("; ", enclosures.Select((e, i) => e switch
        {
            EnclosedLetter l => string.Create(
                CultureInfo.InvariantCulture,
                $"{i + 1}. letter dated {l.Date:d MMMM yyyy} from {string.Join(" and ", l.Signatories.Select(s => s.Name))} "
                + $"({l.Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length} words, text {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(l.Body)))[..8].ToLowerInvariant()})"),
            EnclosedDocument d => $"{i + 1}. document \"{d.Title}\" ({d.DocumentId[..Math.Min(8, d.DocumentId.Length)]})",
            _ => $"{i + 1}. {e.GetType().Name}",
        }));
    }

    /// <summary>
    /// Plain text for e-mail: one line per changed field, then each changed paragraph with removed words as [-…-] and
    /// added words as {+…+}; long unchanged stretches are shortened with "…" and the whole is cut at <paramref name="maxLength"/>.
    /// </summary>
    public string ToPlainText(int maxLength = 4000)
    {
        var text = new StringBuilder();
        foreach (var field in this.Fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {field.Field}: [-{field.Before}-] {{+{field.After}+}}\n");
        }

        foreach (var paragraph in this.Paragraphs)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Label(paragraph)}: ");
            text.AppendJoin(' ', paragraph.Segments.Select(s => s.Kind switch
            {
                DiffKind.Removed => $"[-{s.Text}-]",
                DiffKind.Added => $"{{+{s.Text}+}}",
                _ => Shorten(s.Text),
            }));
            text.Append('\n');
        }

        string all = text.ToString();
        return all.Length <= maxLength ? all : string.Concat(all.AsSpan(0, maxLength), "\n  … (the rest is shown on the letter's page)\n");
    }

    /// <summary>HTML (inline styles, so it reads the same in a mail client): a list of changed fields, then each changed paragraph.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        if (this.Fields.Count > 0)
        {
            html.Append("<ul class=\"changed-fields\">");
            foreach (var field in this.Fields)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Enc(field.Field)}</b>: <del style=\"{DelStyle}\">{Enc(field.Before)}</del> → <ins style=\"{InsStyle}\">{Enc(field.After)}</ins></li>");
            }

            html.Append("</ul>");
        }

        foreach (var paragraph in this.Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"changed-paragraph\"><small>{Enc(Label(paragraph))}</small><br>");
            html.AppendJoin(' ', paragraph.Segments.Select(s => s.Kind switch
            {
                DiffKind.Removed => $"<del style=\"{DelStyle}\">{Enc(s.Text)}</del>",
                DiffKind.Added => $"<ins style=\"{InsStyle}\">{Enc(s.Text)}</ins>",
                _ => Enc(s.Text),
            }));
            html.Append("</p>");
        }

        return html.ToString();
    }

    private static List<ParagraphChange> CompareBodies(string before, string after)
    {
        string[] a = SplitParagraphs(before);
        string[] b = SplitParagraphs(after);
        var changes = new List<ParagraphChange>();
        var removed = new List<int>();
        var added = new List<int>();

        // A run of removed and added paragraphs is paired in order: the pairs are edited paragraphs, the rest whole.
        void FlushRun()
        {
            for (int k = 0; k < Math.Max(removed.Count, added.Count); k++)
            {
                int? i = k < removed.Count ? removed[k] : null;
                int? j = k < added.Count ? added[k] : null;
                var segments = i is not null && j is not null
                    ? TextDiff.Words(a[i.Value], b[j.Value])
                    : i is not null
                        ? [new DiffSegment(DiffKind.Removed, Normalize(a[i.Value]))]
                        : [new DiffSegment(DiffKind.Added, Normalize(b[j!.Value]))];
                changes.Add(new ParagraphChange(i + 1, j + 1, segments));
            }

            removed.Clear();
            added.Clear();
        }

        foreach (var (kind, i, j) in TextDiff.Align(a, b))
        {
            switch (kind)
            {
                case DiffKind.Removed:
                    removed.Add(i);
                    break;
                case DiffKind.Added:
                    added.Add(j);
                    break;
                default:
                    FlushRun();
                    break;
            }
        }

        FlushRun();
        return changes;
    }

    private static string[] SplitParagraphs(string body) =>
        [.. BlankLine().Split((body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)).Select(p => p.Trim()).Where(p => p.Length > 0)];

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Label(ParagraphChange paragraph) => (paragraph.Before, paragraph.After) switch
    {
        (null, { } after) => $"Paragraph {after} (new)",
        ({ } before, null) => $"Paragraph {before} (removed)",
        (_, { } after) => $"Paragraph {after}",
        _ => "Paragraph",
    };

    private static string Shorten(string same)
    {
        string[] words = same.Split(' ');
        return words.Length <= 16 ? same : $"{string.Join(' ', words[..6])} … {string.Join(' ', words[^6..])}";
    }

    private static int CountWords(IEnumerable<ParagraphChange> paragraphs, DiffKind kind) =>
        paragraphs.SelectMany(p => p.Segments).Where(s => s.Kind == kind).Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\n[ \t]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLine();
}
