using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Circulation.Tests.Hosting;

/// <summary>A configuration that remembers the path of every value read from it (by the options binder or by code).</summary>
internal sealed class RecordingConfiguration(IConfiguration inner) : IConfiguration
{
    private readonly HashSet<string> reads = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every path whose value was read, since the last <see cref="Clear"/>.</summary>
    public IReadOnlySet<string> Reads
    {
        get
        {
            lock (this.reads)
            {
                return new HashSet<string>(this.reads, StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    public string? this[string key]
    {
        get
        {
            this.Record(key);
            return inner[key];
        }

        set => inner[key] = value;
    }

    public void Clear()
    {
        lock (this.reads)
        {
            this.reads.Clear();
        }
    }

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(c => new Section(c, this));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => new Section(inner.GetSection(key), this);

    private void Record(string path)
    {
        lock (this.reads)
        {
            this.reads.Add(path);
        }
    }

    private sealed class Section(IConfigurationSection inner, RecordingConfiguration recorder) : IConfigurationSection
    {
        public string Key => inner.Key;

        public string Path => inner.Path;

        public string? Value
        {
            get
            {
                recorder.Record(inner.Path);
                return inner.Value;
            }

            set => inner.Value = value;
        }

        public string? this[string key]
        {
            get
            {
                recorder.Record(ConfigurationPath.Combine(inner.Path, key));
                return inner[key];
            }

            set => inner[key] = value;
        }

        public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(c => new Section(c, recorder));

        public IChangeToken GetReloadToken() => inner.GetReloadToken();

        public IConfigurationSection GetSection(string key) => new Section(inner.GetSection(key), recorder);
    }
}
