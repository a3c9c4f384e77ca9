using Circulation.Functions.Access;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Access;

/// <summary>The Functions shell trusts the X-MS-CLIENT-PRINCIPAL header only where App Service says its authentication is on.</summary>
public sealed class PlatformAuthOptionsValidatorTests
{
    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    public void AuthenticationOn_IsAccepted(string value)
    {
        var result = new PlatformAuthOptionsValidator().Validate(null, new PlatformAuthOptions { AuthEnabled = value });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(null, "'not set'")]
    [InlineData("False", "'False'")]
    [InlineData("yes", "'yes'")]
    public void AuthenticationOffOrUnknown_IsRefusedNamingTheSettingAndItsValue(string? value, string shown)
    {
        var result = new PlatformAuthOptionsValidator().Validate(null, new PlatformAuthOptions { AuthEnabled = value });

        Assert.True(result.Failed);
        Assert.StartsWith($"WEBSITE_AUTH_ENABLED is {shown}, so App Service Authentication is off", result.FailureMessage, StringComparison.Ordinal);
    }
}
