using System.Globalization;

namespace Circulation.Benchmarks.Distribution;

/// <summary>Command-line options of the distribution driver.</summary>
/// <param name="App">The local host's base URL.</param>
/// <param name="Mail">smtp4dev's base URL (the approval and signature links arrive there, and with SMTP every mission's copy).</param>
/// <param name="Runs">How many runs.</param>
/// <param name="List">The distribution list every letter goes to.</param>
/// <param name="Letters">Letters per run: all are approved first, then signed in quick succession and distributed at once.</param>
/// <param name="Emulator">With the Exchange emulator (Graph): its base URL; a run ends when Graph accepted the last mission's copy.</param>
/// <param name="Window">With the emulator: its message window (30 messages per window), to compare with the quota's floor.</param>
/// <param name="HostPid">The local host's process id, whose memory is sampled during the run; null: read from <paramref name="PidFile"/>.</param>
/// <param name="PidFile">Where ./run.sh writes the local host's process id.</param>
/// <param name="Password">The local sign-in provider's development password.</param>
internal sealed record DriverOptions(
    Uri App, Uri Mail, int Runs, string List, int Letters, Uri? Emulator, TimeSpan? Window, int? HostPid, string PidFile, string Password)
{
    /// <summary>Who creates the letters.</summary>
    public const string Drafter = "drafting.officer@un.example";

    /// <summary>The one approver of every letter.</summary>
    public const string Approver = "chef.de.cabinet@un.example";

    /// <summary>Who signs every letter.</summary>
    public const string Signatory = "pga@un.example";

    /// <summary>Reads <c>--app --mail --runs --list --letters --emulator --window --host-pid --pid-file --password</c>.</summary>
    public static DriverOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int letters = int.Parse(Get("--letters", "1"), CultureInfo.InvariantCulture);
        if (letters is < 1 or > 200)
        {
            throw new ArgumentException("--letters takes 1 to 200.");
        }

        return new DriverOptions(
            new Uri(Get("--app", Environment.GetEnvironmentVariable("CIRCULATION_URL") ?? "http://127.0.0.1:7071").TrimEnd('/') + "/"),
            new Uri(Get("--mail", Environment.GetEnvironmentVariable("SMTP4DEV_URL") ?? "http://127.0.0.1:5080")),
            int.Parse(Get("--runs", letters == 1 ? "3" : "1"), CultureInfo.InvariantCulture),
            Get("--list", "permanent-representatives-and-observers"),
            letters,
            Get("--emulator", "") is { Length: > 0 } emulator ? new Uri(emulator) : null,
            Get("--window", "") is { Length: > 0 } window ? TimeSpan.Parse(window, CultureInfo.InvariantCulture) : null,
            Get("--host-pid", "") is { Length: > 0 } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Get("--pid-file", Path.Combine(".local", "host.pid")),
            Get("--password", "circulation-dev"));
    }
}
