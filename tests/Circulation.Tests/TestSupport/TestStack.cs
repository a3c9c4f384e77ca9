namespace Circulation.Tests.TestSupport;

/// <summary>
/// Where the real Azurite and smtp4dev started by ./test.sh listen. Tests that need them fail with a clear
/// message when the variables are missing, instead of silently skipping.
/// </summary>
public static class TestStack
{
    public const string StorageVariable = "CIRCULATION_TEST_STORAGE";
    public const string SmtpPortVariable = "CIRCULATION_TEST_SMTP_PORT";
    public const string Smtp4devUrlVariable = "CIRCULATION_TEST_SMTP4DEV_URL";

    public static string StorageConnectionString => Require(StorageVariable, "the Azurite connection string");

    public static int SmtpPort => int.TryParse(Require(SmtpPortVariable, "the smtp4dev SMTP port"), out int port) && port is > 0 and < 65536
        ? port
        : throw new InvalidOperationException($"{SmtpPortVariable} must be a port number; got '{Environment.GetEnvironmentVariable(SmtpPortVariable)}'.");

    public static Uri Smtp4devUrl => Uri.TryCreate(Require(Smtp4devUrlVariable, "the smtp4dev web/API base URL"), UriKind.Absolute, out var url)
        ? url
        : throw new InvalidOperationException($"{Smtp4devUrlVariable} must be an absolute URL; got '{Environment.GetEnvironmentVariable(Smtp4devUrlVariable)}'.");

    private static string Require(string name, string what)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"{name} is not set: it must hold {what}. These tests run against a real Azurite and smtp4dev; "
                + "run them with ./test.sh, which starts both and sets CIRCULATION_TEST_STORAGE, CIRCULATION_TEST_SMTP_PORT "
                + "and CIRCULATION_TEST_SMTP4DEV_URL.")
            : value;
    }
}
