using Circulation.Access;
using Circulation.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>GET api/people: the staff directory (for the form's pickers and API clients) and who is signed in.</summary>
public sealed class PeopleApi
{
    private readonly StaffDirectory staff;
    private readonly SignInUrls urls;

    /// <summary>Creates the API.</summary>
    public PeopleApi(StaffDirectory staff, SignInUrls urls)
    {
        this.staff = staff;
        this.urls = urls;
    }

    /// <summary>Everyone's e-mail, name, title and roles (never their signature images), and the signed-in person.</summary>
    public Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        var me = RequestGuard.SignedIn(request);
        return Task.FromResult(ApiResults.Json(new
        {
            you = new { email = me.Email, name = me.Person.Name, title = me.Person.Title, roles = Names(me.Roles) },
            signOut = new { url = this.urls.SignOut, form = this.urls.SignOutIsForm },
            people = this.staff.People.Select(p => new { email = p.Email, name = p.Name, title = p.Title, roles = Names(p.Roles) }),
        }));
    }

    private static string[] Names(IReadOnlySet<StaffRole> roles) => [.. roles.Order().Select(r => r.ToString().ToLowerInvariant())];
}
