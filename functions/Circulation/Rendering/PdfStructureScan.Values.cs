namespace Circulation.Rendering;

// The tokens and values a pass keeps: only what the checks read (a few dictionary keys, capped arrays).
internal sealed partial class PdfStructureScan
{
    /// <summary>A name, e.g. /Type (without the slash, #xx escapes decoded).</summary>
    private sealed record NameToken(string Value);

    /// <summary>A keyword such as R, obj or true.</summary>
    private sealed record KeywordToken(string Value);

    /// <summary>A reference "n g R".</summary>
    private sealed record ReferenceToken(long Number);

    /// <summary>Any other value (a real, a string), kept only as a placeholder.</summary>
    private sealed record OtherToken
    {
        public static OtherToken Instance { get; } = new();
    }

    /// <summary>An array; only its first <see cref="MaxArrayItemsKept"/> items are kept.</summary>
    private sealed record ArrayValue(List<object> Items, bool Truncated);

    /// <summary>A dictionary; only the entries <see cref="KeptKeys"/> names are kept.</summary>
    private sealed class DictionaryValue
    {
        public Dictionary<string, object> Entries { get; } = new(StringComparer.Ordinal);

        public object? Get(string key) => this.Entries.GetValueOrDefault(key);
    }

    /// <summary>A stream's dictionary and where its data lies in the file.</summary>
    private sealed record StreamData(DictionaryValue Dictionary, int Start, int End);

    /// <summary>An array or dictionary being read.</summary>
    private sealed class Frame(bool isDictionary)
    {
        public bool IsDictionary { get; } = isDictionary;

        public List<object> Items { get; } = [];

        public bool Truncated { get; set; }

        public DictionaryValue Dictionary { get; } = new();

        public string? Key { get; set; }

        public List<object> Values { get; } = [];

        public void Add(object value)
        {
            if (!this.IsDictionary)
            {
                if (value is KeywordToken { Value: "R" } && this.Items.Count >= 2 && this.Items[^1] is long && this.Items[^2] is long number)
                {
                    this.Items.RemoveRange(this.Items.Count - 2, 2);
                    this.Items.Add(new ReferenceToken(number));
                }
                else if (this.Items.Count < MaxArrayItemsKept)
                {
                    this.Items.Add(value);
                }
                else
                {
                    this.Truncated = true;
                }

                return;
            }

            if (value is NameToken name && (this.Key is null || this.Values.Count > 0))
            {
                this.Finish();
                this.Key = name.Value;
            }
            else if (this.Key is not null && this.Values.Count < 3)
            {
                this.Values.Add(value);
            }
        }

        public object Close()
        {
            if (!this.IsDictionary)
            {
                return new ArrayValue(this.Items, this.Truncated);
            }

            this.Finish();
            return this.Dictionary;
        }

        private void Finish()
        {
            if (this.Key is { } key && KeptKeys.Contains(key) && this.Values.Count > 0)
            {
                this.Dictionary.Entries[key] = this.Values is [long number, long, KeywordToken { Value: "R" }] ? new ReferenceToken(number) : this.Values[0];
            }

            this.Key = null;
            this.Values.Clear();
        }
    }
}
