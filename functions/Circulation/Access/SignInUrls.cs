using Microsoft.Extensions.Options;

namespace Circulation.Access;

/// <summary>Where the browser goes to sign in, switch person, or sign out, for the shell's kind of sign-in.</summary>
public sealed class SignInUrls
{
    private readonly AuthMode mode;

    /// <summary>Creates the URLs.</summary>
    public SignInUrls(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.mode = options.Value.Mode;
    }

    /// <summary>Signs in, then comes back to <paramref name="returnPath"/> (a local path).</summary>
    public string SignIn(string returnPath) => this.mode == AuthMode.EasyAuth
        ? $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(returnPath)}"
        : $"/signin?returnUrl={Uri.EscapeDataString(returnPath)}";

    /// <summary>Signs out whoever is signed in and signs in as <paramref name="email"/>, then comes back to <paramref name="returnPath"/>.</summary>
    public string SwitchTo(string email, string returnPath) => this.mode == AuthMode.EasyAuth
        ? $"/.auth/logout?post_logout_redirect_uri={Uri.EscapeDataString(this.SignIn(returnPath))}"
        : $"/signin?returnUrl={Uri.EscapeDataString(returnPath)}&loginHint={Uri.EscapeDataString(email)}&prompt=login";

    /// <summary>Signs out: a link (Easy Auth) or the address of a POST form (local host).</summary>
    public string SignOut => this.mode == AuthMode.EasyAuth ? "/.auth/logout?post_logout_redirect_uri=/" : "/signout";

    /// <summary>True when signing out is a POST form (the local host), false when it is a link (Easy Auth).</summary>
    public bool SignOutIsForm => this.mode != AuthMode.EasyAuth;
}
