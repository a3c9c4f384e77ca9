using System.Text.Json.Nodes;
using Xunit;

namespace Circulation.Tests.Hosting;

/// <summary>
/// Holds infra/ to what the PDF signature needs in Azure: an HSM key in a Premium vault that signs only and cannot be
/// exported, and the app's identity allowed to use that one key, nothing else of the vault's keys.
/// </summary>
public sealed class SigningKeyTemplateTests
{
    private const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";

    private static IEnumerable<JsonObject> Resources(string module) =>
        InfraTemplate.Module(module)["resources"]!.AsArray().Select(r => r!.AsObject());

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "";

    [Fact]
    public void KeyVault_IsPremium_SoItsKeysCanBeHsmProtected()
    {
        var vault = Assert.Single(Resources("keyvault"), r => (string?)r["type"] == "Microsoft.KeyVault/vaults");

        Assert.Equal("premium", (string?)vault["properties"]!["sku"]!["name"]);
    }

    [Fact]
    public void PdfSigningKey_IsAnRsaHsmKeyThatOnlySignsAndCannotBeExported()
    {
        var keyvault = InfraTemplate.Module("keyvault");
        var key = Assert.Single(Resources("keyvault"), r => (string?)r["type"] == "Microsoft.KeyVault/vaults/keys");
        var properties = key["properties"]!;

        Assert.Equal("RSA-HSM", (string?)properties["kty"]);
        Assert.Equal(["sign"], properties["keyOps"]!.AsArray().Select(o => (string?)o));
        Assert.False((bool)properties["attributes"]!["exportable"]!);
        Assert.Contains("pdfSigningKeySize", Text(properties["keySize"]), StringComparison.Ordinal);
        var size = keyvault["parameters"]!["pdfSigningKeySize"]!;
        Assert.True((int)size["defaultValue"]! >= 2048);
        Assert.All(size["allowedValues"]!.AsArray(), v => Assert.True((int)v! >= 2048));
    }

    [Fact]
    public void AppIdentity_IsKeyVaultCryptoUserOnTheSigningKeyOnly()
    {
        var cryptoUser = Resources("rbac")
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments" && Text(r["properties"]!["roleDefinitionId"]).Contains("keyVaultCryptoUser", StringComparison.Ordinal))
            .ToList();
        var roles = InfraTemplate.Module("rbac")["variables"]!["roles"]!;

        var assignment = Assert.Single(cryptoUser);
        Assert.Equal(KeyVaultCryptoUser, (string?)roles["keyVaultCryptoUser"]);
        Assert.Contains("Microsoft.KeyVault/vaults/keys", Text(assignment["scope"]), StringComparison.Ordinal);
        Assert.Contains("pdfSigningKeyName", Text(assignment["scope"]), StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_NameTheSigningKeyItsCertificateChainAndTheTimestampAuthority()
    {
        var settings = InfraTemplate.AppSettings;

        Assert.Equal(InfraTemplate.DeploymentValue, settings["Signing:KeyVaultKeyId"]);
        Assert.Equal(InfraTemplate.DeploymentValue, settings["Signing:CertificateChainPem"]);
        Assert.Equal(InfraTemplate.DeploymentValue, settings["Signing:TimestampUrl"]);
        var api = InfraTemplate.Module("api");
        Assert.Contains("pdfSigningKeyId", Text(api["variables"]!["signingSettings"]), StringComparison.Ordinal);
    }
}
