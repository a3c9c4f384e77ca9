using Circulation.TimestampAuthority;

// Two uses:
//   Circulation.TimestampAuthority pki --out DIR                    makes (or reuses) the development PKI in DIR
//   Circulation.TimestampAuthority --TimestampAuthority:Pki=DIR --TimestampAuthority:Port=N   serves RFC 3161 on 127.0.0.1:N
// (settings also from the environment: TimestampAuthority__Pki, TimestampAuthority__Port).
if (args.Length > 0 && args[0] == "pki")
{
    int at = Array.IndexOf(args, "--out");
    if (at < 0 || at + 1 >= args.Length)
    {
        await Console.Error.WriteLineAsync("Usage: Circulation.TimestampAuthority pki --out DIR");
        return 2;
    }

    var pki = DevelopmentPki.Ensure(args[at + 1]);
    Console.WriteLine(pki.Directory);
    return 0;
}

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
string? directory = configuration["TimestampAuthority:Pki"];
if (string.IsNullOrEmpty(directory) || !int.TryParse(configuration["TimestampAuthority:Port"], out int port) || port is < 1 or > 65535)
{
    await Console.Error.WriteLineAsync("Circulation timestamp authority cannot start: set TimestampAuthority:Pki (the PKI folder) and TimestampAuthority:Port (1-65535).");
    return 2;
}

var app = TimestampAuthorityApp.Build(DevelopmentPki.Ensure(directory), port, args);
await app.StartAsync();
Console.WriteLine($"Circulation timestamp authority listening on http://127.0.0.1:{port}/");
await app.WaitForShutdownAsync();
return 0;
