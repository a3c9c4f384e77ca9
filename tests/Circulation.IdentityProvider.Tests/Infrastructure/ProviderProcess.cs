using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Circulation.IdentityProvider.Tests.Infrastructure;

/// <summary>
/// The identity provider's built dll run as a separate process (<c>dotnet Circulation.IdentityProvider.dll</c>,
/// as ./run.sh runs it) on a free port, configured through environment variables only.
/// </summary>
public sealed class ProviderProcess : IAsyncDisposable
{
    // Generous: on a loaded CI machine the first start (JIT, key generation, client secret hashing) is slow.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();
    private Process? process;

    private ProviderProcess(int port) => this.Port = port;

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:{Port}/, also the issuer.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{this.Port}/");

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (this.outputLock)
            {
                return this.output.ToString();
            }
        }
    }

    /// <summary>The folder of the built provider (next to this repository's tools project).</summary>
    public static string ProviderDirectory
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Circulation.sln")))
                {
                    return Path.Combine(dir.FullName, "tools", "Circulation.IdentityProvider", "bin", configuration, "net10.0");
                }
            }

            throw new InvalidOperationException($"No Circulation.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Starts the provider with <paramref name="settings"/> (ASP.NET Core "__" form) and waits for its discovery document.</summary>
    public static async Task<ProviderProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var provider = Launch(settings, out var port);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (provider.process!.HasExited)
            {
                await provider.process.WaitForExitAsync();
                throw new InvalidOperationException($"The identity provider exited with code {provider.process.ExitCode} during start-up:\n{provider.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/.well-known/openid-configuration"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return provider;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            if (watch.Elapsed > StartTimeout)
            {
                await provider.DisposeAsync();
                throw new TimeoutException($"The identity provider did not serve its discovery document within {StartTimeout.TotalSeconds:0} s:\n{provider.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs the provider with <paramref name="settings"/> expecting it to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var provider = Launch(settings, out _);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await provider.process!.WaitForExitAsync(timeout.Token);
        provider.process.WaitForExit(); // Flushes the redirected output.
        return (provider.process.ExitCode, provider.Output);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.process is { } p)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }

            ForgetPid(p.Id);
            p.Dispose();
            this.process = null;
        }
    }

    private static ProviderProcess Launch(IReadOnlyDictionary<string, string> settings, out int port)
    {
        string dll = Path.Combine(ProviderDirectory, "Circulation.IdentityProvider.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build the solution first (dotnet build Circulation.sln).");
        }

        port = FreePort();
        var provider = new ProviderProcess(port);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProviderDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["IdentityProvider__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var p = new Process { StartInfo = start };
        p.OutputDataReceived += (_, e) => provider.Append(e.Data);
        p.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        provider.process = p;
        RememberPid(p.Id);
        return provider;
    }

    // ./test.sh stops, by these files, any provider a test run left behind (as it does for the local hosts).
    private static void RememberPid(int pid)
    {
        if (Environment.GetEnvironmentVariable("CIRCULATION_TEST_PID_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"{pid}.pid"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void ForgetPid(int pid)
    {
        if (Environment.GetEnvironmentVariable("CIRCULATION_TEST_PID_DIR") is { Length: > 0 } dir)
        {
            File.Delete(Path.Combine(dir, $"{pid}.pid"));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (this.outputLock)
            {
                this.output.AppendLine(line);
            }
        }
    }
}
