namespace Circulation.IdentityProvider;

/// <summary>The provider's log messages. Never a password, code or token.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Identity provider {Issuer}: {People} people in {StaffFile}, clients {Clients}, any loopback redirect port: {AnyLoopbackPort}")]
    public static partial void Started(ILogger logger, Uri issuer, int people, string staffFile, string clients, bool anyLoopbackPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} signed in")]
    public static partial void SignedIn(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused for {Email}: not in the directory or wrong password")]
    public static partial void SignInRefused(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in form refused: {Reason}")]
    public static partial void SignInFormRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authorization code issued to {ClientId} for {Email}")]
    public static partial void CodeIssued(ILogger logger, string? clientId, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tokens issued to {ClientId} for {Email}")]
    public static partial void TokensIssued(ILogger logger, string? clientId, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Code exchange refused for {ClientId}: {Email} is no longer in the staff directory")]
    public static partial void PersonGone(ILogger logger, string? clientId, string? email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out")]
    public static partial void SignedOut(ILogger logger);
}
