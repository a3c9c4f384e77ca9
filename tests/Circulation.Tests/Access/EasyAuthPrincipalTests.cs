using System.Security.Claims;
using System.Text;
using Circulation.Access;
using Circulation.Staff;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Access;

/// <summary>
/// The X-MS-CLIENT-PRINCIPAL header as App Service Authentication documents it (base64 of
/// {"auth_typ", "claims": [{"typ", "val"}], "name_typ", "role_typ"}), decoded into the principal the shared policy reads.
/// </summary>
public sealed class EasyAuthPrincipalTests
{
    // The shape Microsoft Entra ID gives through Easy Auth: the sign-in address in preferred_username, roles under role_typ.
    private const string EntraPayload = """
        {
          "auth_typ": "aad",
          "claims": [
            { "typ": "aud", "val": "6f3a1c2e-0000-4000-8000-1234567890ab" },
            { "typ": "iss", "val": "https://login.microsoftonline.com/72f988bf-0000-4000-8000-000000000000/v2.0" },
            { "typ": "name", "val": "Tomás Ibarra" },
            { "typ": "preferred_username", "val": "drafter@un.example" },
            { "typ": "http://schemas.microsoft.com/identity/claims/objectidentifier", "val": "0b2c9f1e-1111-4222-8333-444455556666" },
            { "typ": "roles", "val": "drafter" },
            { "typ": "roles", "val": "admin" }
          ],
          "name_typ": "name",
          "role_typ": "roles"
        }
        """;

    private static string Header(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Decode_DocumentedEntraPayload_GivesAnAuthenticatedPrincipalWithItsAddressNameAndRoles()
    {
        var principal = EasyAuthPrincipal.Decode(Header(EntraPayload));

        Assert.NotNull(principal);
        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.Equal("Tomás Ibarra", principal.Identity.Name);
        Assert.Equal("drafter@un.example", StaffClaims.EmailOf(principal));
        Assert.Equal(["drafter", "admin"], StaffClaims.AppRolesOf(principal));
        Assert.True(principal.IsInRole("admin"));
    }

    [Fact]
    public void Decode_PayloadWithoutNameAndRoleTypes_FallsBackToTheStandardClaimTypes()
    {
        var principal = EasyAuthPrincipal.Decode(Header("""
            {"auth_typ": "aad", "claims": [
              {"typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "val": "drafter@un.example"},
              {"typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "val": "approver"}]}
            """));

        Assert.Equal("drafter@un.example", StaffClaims.EmailOf(principal));
        Assert.True(principal!.IsInRole("approver"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("eyJub3QiOiAianNvbg")]
    public void Decode_MissingOrGarbledHeader_IsAnonymous(string? header)
    {
        Assert.Null(EasyAuthPrincipal.Decode(header));
    }

    [Theory]
    [InlineData("""{"auth_typ": "aad", "claims": []}""")]
    [InlineData("""{"claims": [{"typ": "email", "val": "drafter@un.example"}]}""")]
    [InlineData("""[1, 2, 3]""")]
    public void Decode_PayloadWithoutClaimsOrAuthenticationType_IsAnonymous(string json)
    {
        Assert.Null(EasyAuthPrincipal.Decode(Header(json)));
    }

    [Fact]
    public void Decode_OversizedHeader_IsAnonymous()
    {
        Assert.Null(EasyAuthPrincipal.Decode(new string('A', 40_000)));
    }

    [Fact]
    public void Identify_EasyAuthPrincipalOfADirectoryPerson_WithAppRoles_TakesTheTokensRoles()
    {
        var access = new StaffAccess(TestStaff.Directory, Options.Create(new AuthOptions { RolesFrom = RoleSource.AppRoles }));

        var who = access.Identify(EasyAuthPrincipal.Decode(Header(EntraPayload)));

        Assert.NotNull(who.Staff);
        Assert.Equal(new HashSet<StaffRole> { StaffRole.Drafter, StaffRole.Admin }, who.Staff.Roles);
    }

    [Fact]
    public void Identify_SamePersonWithDirectoryRoles_IgnoresTheTokensRoles()
    {
        var access = new StaffAccess(TestStaff.Directory, Options.Create(new AuthOptions()));

        var who = access.Identify(EasyAuthPrincipal.Decode(Header(EntraPayload)));

        Assert.Equal(new HashSet<StaffRole> { StaffRole.Drafter }, who.Staff!.Roles);
    }

    [Fact]
    public void Identify_SignedInPersonNotInTheDirectory_IsNotStaffButNamed()
    {
        var access = new StaffAccess(TestStaff.Directory, Options.Create(new AuthOptions()));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "visitor@elsewhere.example")], "test"));

        var who = access.Identify(principal);

        Assert.Null(who.Staff);
        Assert.Equal("visitor@elsewhere.example", who.SignedInAs);
        Assert.False(who.IsAnonymous);
    }

    [Fact]
    public void Identify_UnauthenticatedPrincipal_IsAnonymous()
    {
        var access = new StaffAccess(TestStaff.Directory, Options.Create(new AuthOptions()));

        Assert.True(access.Identify(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", TestStaff.Drafter)]))).IsAnonymous);
    }
}
