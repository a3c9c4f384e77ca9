using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// The Circulation local host (ASP.NET Core + Durable Task sidecar over Azurite) run as a separate
/// process, exactly as ./run.sh runs it, on free ports with its own blob container and task hub.
/// It can be killed like kill -9 and started again with the same configuration; its output goes to a
/// log file under <see cref="TestEnvironment.ArtifactsDirectory"/>.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> settings;
    private readonly Lock logLock = new();
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private StreamWriter? log;
    private Process? process;
    private int starts;

    /// <summary>Prepares (does not start) a host.</summary>
    /// <param name="name">A short name for logs, letters only (e.g. "flow").</param>
    /// <param name="extraSettings">Configuration on top of the defaults (ASP.NET Core "__" environment form), e.g. Links__Lifetime.</param>
    public LocalHostProcess(string name, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        this.Name = name;
        string unique = Guid.NewGuid().ToString("N")[..12];
        this.TaskHubName = $"it{new string(name.Where(char.IsAsciiLetterOrDigit).ToArray())}{unique}";
        this.ContainerName = $"it-{name.ToLowerInvariant()}-{unique}";
        this.WorkContainerName = $"it-{name.ToLowerInvariant()}-{unique}-work";
        (this.WebPort, this.SidecarPort) = FreePorts();
        this.BaseUrl = new Uri($"http://127.0.0.1:{this.WebPort}/");
        this.LogPath = Path.Combine(TestEnvironment.ArtifactsDirectory, "hosts", $"{name}-{this.TaskHubName}.log");
        this.settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
            ["Storage__ContainerName"] = this.ContainerName,
            ["Storage__WorkContainerName"] = this.WorkContainerName,
            ["extensions__durableTask__hubName"] = this.TaskHubName,

            // Each host its own read model, as it has its own task hub: a host lists its own letters only.
            ["Storage__LettersTableName"] = $"{this.TaskHubName}letters",
            ["Storage__LetterEventsTableName"] = $"{this.TaskHubName}events",
            ["Storage__VerificationTableName"] = $"{this.TaskHubName}verify",
            ["Links__SigningKeys__test"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Links__ActiveKeyId"] = "test",
            ["Links__PublicBaseUrl"] = $"http://127.0.0.1:{this.WebPort}",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = TestEnvironment.SmtpPort.ToString(CultureInfo.InvariantCulture),
            // Start-up polls GET /api/health until 200: a 503 from the host's first moments must not stick for the default 15 s.
            ["Health__CacheDuration"] = "00:00:01",
            ["LocalHost__WebPort"] = this.WebPort.ToString(CultureInfo.InvariantCulture),
            ["LocalHost__SidecarPort"] = this.SidecarPort.ToString(CultureInfo.InvariantCulture),
            ["LocalHost__DataProtectionPath"] = Path.Combine(TestEnvironment.ArtifactsDirectory, "hosts", $"{name}-{this.TaskHubName}-keys"),
            ["Auth__Mode"] = "OpenIdConnect",
            ["Auth__OpenIdConnect__Authority"] = TestEnvironment.IdentityProviderUrl.ToString(),
            ["Auth__OpenIdConnect__ClientId"] = TestEnvironment.IdentityProviderClientId,
            ["Auth__OpenIdConnect__ClientSecret"] = TestEnvironment.IdentityProviderClientSecret,
            ["Signing__CertificatePfxPath"] = Path.Combine(TestEnvironment.PkiDirectory, "signing.pfx"),
            ["Signing__CertificatePfxPassword"] = File.ReadAllText(Path.Combine(TestEnvironment.PkiDirectory, "signing.password")).Trim(),
            ["Signing__TimestampUrl"] = TestEnvironment.TimestampUrl.ToString(),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            this.settings[key] = value;
        }
    }

    /// <summary>A token service with this host's link-signing keys: to issue a genuine link naming what a test chooses.</summary>
    public Circulation.Approval.LinkTokenService LinkTokens()
    {
        const string KeyPrefix = "Links__SigningKeys__";
        var options = new Circulation.Approval.LinkOptions { ActiveKeyId = this.settings["Links__ActiveKeyId"], PublicBaseUrl = this.BaseUrl.ToString() };
        foreach (var (name, key) in this.settings.Where(s => s.Key.StartsWith(KeyPrefix, StringComparison.Ordinal)))
        {
            options.SigningKeys[name[KeyPrefix.Length..]] = key;
        }

        return new Circulation.Approval.LinkTokenService(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
    }

    /// <summary>The short name given at construction.</summary>
    public string Name { get; }

    /// <summary>This host's task hub (unique, letters and digits).</summary>
    public string TaskHubName { get; }

    /// <summary>This host's blob container for letters (unique).</summary>
    public string ContainerName { get; }

    /// <summary>This host's blob container for working state (unique).</summary>
    public string WorkContainerName { get; }

    /// <summary>The HTTP port of the staff form, API and link pages.</summary>
    public int WebPort { get; private set; }

    /// <summary>The Durable Task sidecar's port.</summary>
    public int SidecarPort { get; private set; }

    /// <summary>http://127.0.0.1:WebPort/.</summary>
    public Uri BaseUrl { get; private set; }

    /// <summary>The file the host's stdout and stderr go to (appended across restarts).</summary>
    public string LogPath { get; }

    /// <summary>The running process's id, or null.</summary>
    public int? ProcessId => this.process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Starts the host and waits until GET /api/health answers 200 (or, with <paramref name="requireHealthy"/>
    /// false, answers at all). A first start that dies at once (a port taken meanwhile) is retried on new ports.
    /// </summary>
    public async Task StartAsync(bool requireHealthy = true)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await this.StartOnceAsync(requireHealthy);
                return;
            }
            catch (HostExitedException) when (this.starts == 1 && attempt < 3)
            {
                this.Write($"=== the host exited during start-up; retrying on new ports (attempt {attempt + 1}) ===");
                this.starts = 0;
                (this.WebPort, this.SidecarPort) = FreePorts();
                this.BaseUrl = new Uri($"http://127.0.0.1:{this.WebPort}/");
                this.settings["Links__PublicBaseUrl"] = $"http://127.0.0.1:{this.WebPort}";
                this.settings["LocalHost__WebPort"] = this.WebPort.ToString(CultureInfo.InvariantCulture);
                this.settings["LocalHost__SidecarPort"] = this.SidecarPort.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Kills the host and its child processes at once (SIGKILL, like kill -9) and waits until they are gone.</summary>
    public void Kill()
    {
        var p = this.process;
        if (p is null)
        {
            return;
        }

        this.Write($"=== killing process {p.Id} (SIGKILL) ===");
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        if (!p.WaitForExit(30_000))
        {
            throw new InvalidOperationException($"The local host (process {p.Id}) did not exit within 30 s of SIGKILL.");
        }

        p.WaitForExit(); // Flushes the redirected output.
        this.ForgetPid(p.Id);
        p.Dispose();
        this.process = null;
    }

    /// <summary>Changes one setting (environment form) for the next start, e.g. the workflow version of an upgrade.</summary>
    public void SetSetting(string key, string value) => this.settings[key] = value;

    /// <summary>Kills the host if running and starts it again with the same ports, task hub, container and key.</summary>
    public async Task RestartAsync()
    {
        this.Kill();
        await this.StartOnceAsync(requireHealthy: true);
    }

    /// <summary>The last lines of the host's log, for failure messages.</summary>
    public string LogTail(int lines = 60)
    {
        lock (this.logLock)
        {
            this.log?.Flush();
        }

        try
        {
            using var stream = new FileStream(this.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(could not read {this.LogPath}: {ex.Message})";
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        this.Kill();
        lock (this.logLock)
        {
            this.log?.Dispose();
            this.log = null;
        }

        this.probe.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartOnceAsync(bool requireHealthy)
    {
        if (this.process is not null)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        string dll = Path.Combine(TestEnvironment.HostDirectory, "Circulation.LocalHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist: build the solution first (dotnet build Circulation.sln -c {TestEnvironment.Configuration}).");
        }

        this.OpenLog();
        this.starts++;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestEnvironment.HostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in this.settings)
        {
            start.Environment[key] = value;
        }

        // Nothing from the developer's own environment may redirect the host.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["DOTNET_NOLOGO"] = "1";

        this.Write($"=== start #{this.starts} at {DateTimeOffset.UtcNow:O}: web {this.WebPort}, sidecar {this.SidecarPort}, hub {this.TaskHubName}, container {this.ContainerName} ===");
        var p = new Process { StartInfo = start };
        p.OutputDataReceived += (_, e) => this.Write(e.Data);
        p.ErrorDataReceived += (_, e) => this.Write(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        this.process = p;
        this.RememberPid(p.Id);

        var watch = Stopwatch.StartNew();
        string last = "no answer yet";
        while (true)
        {
            if (p.HasExited)
            {
                p.WaitForExit();
                int code = p.ExitCode;
                this.ForgetPid(p.Id);
                p.Dispose();
                this.process = null;
                throw new HostExitedException($"The local host exited with code {code} during start-up. Log {this.LogPath}:\n{this.LogTail()}");
            }

            try
            {
                using var response = await this.probe.GetAsync(new Uri(this.BaseUrl, "api/health"));
                if (response.StatusCode == HttpStatusCode.OK || !requireHealthy)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "GET /api/health timed out";
            }

            if (watch.Elapsed > StartTimeout)
            {
                this.Kill();
                throw new TimeoutException(
                    $"The local host did not answer GET /api/health with 200 within {StartTimeout.TotalSeconds:0} s (last: {last}). Log {this.LogPath}:\n{this.LogTail()}");
            }

            await Task.Delay(200);
        }
    }

    private void OpenLog()
    {
        lock (this.logLock)
        {
            if (this.log is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(this.LogPath)!);
                this.log = new StreamWriter(new FileStream(this.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            }
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.logLock)
        {
            this.log?.WriteLine(line);
        }
    }

    private void RememberPid(int pid)
    {
        if (TestEnvironment.PidDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"{pid}.pid"), pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void ForgetPid(int pid)
    {
        if (TestEnvironment.PidDirectory is { } dir)
        {
            File.Delete(Path.Combine(dir, $"{pid}.pid"));
        }
    }

    /// <summary>Two distinct ports the OS reports free on 127.0.0.1 (the host binds them moments later).</summary>
    private static (int Web, int Sidecar) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        int web = ((IPEndPoint)a.LocalEndpoint).Port;
        int sidecar = ((IPEndPoint)b.LocalEndpoint).Port;
        a.Stop();
        b.Stop();
        return (web, sidecar);
    }

    private sealed class HostExitedException(string message) : Exception(message);
}
