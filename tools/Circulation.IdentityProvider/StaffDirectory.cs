using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Circulation.IdentityProvider;

/// <summary>A person of the Office's staff directory, as far as signing in is concerned.</summary>
/// <param name="Email">The e-mail address, lower-cased; also the subject (<c>sub</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Roles">The roles, in directory order.</param>
internal sealed record Person(string Email, string Name, IReadOnlyList<string> Roles);

/// <summary>
/// The people who can sign in: the staff directory file read once at start-up, and the one development
/// password they all share.
/// </summary>
internal sealed class StaffDirectory
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly FrozenDictionary<string, Person> people;
    private readonly byte[] passwordHash;

    private StaffDirectory(FrozenDictionary<string, Person> people, string password)
    {
        this.people = people;
        this.passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
    }

    /// <summary>How many people can sign in.</summary>
    public int Count => this.people.Count;

    /// <summary>Reads and checks the directory file.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or a person lacks an e-mail or a name, or appears twice.</exception>
    public static StaffDirectory Load(string path, string password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The staff directory {Path.GetFullPath(path)} (IdentityProvider:StaffFile) does not exist.");
        }

        StaffFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StaffFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The staff directory {path} is not valid JSON: {ex.Message}", ex);
        }

        if (file?.People is not { Count: > 0 } entries)
        {
            throw new InvalidDataException($"The staff directory {path} has no people (expected {{\"people\": [{{\"email\": ..., \"name\": ..., \"roles\": [...]}}]}}).");
        }

        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            string email = entry?.Email?.Trim().ToLowerInvariant() ?? "";
            if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The staff directory {path}: people[{i}] has no valid \"email\".");
            }

            if (string.IsNullOrWhiteSpace(entry!.Name))
            {
                throw new InvalidDataException($"The staff directory {path}: {email} has no \"name\".");
            }

            var roles = (entry.Roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            if (!people.TryAdd(email, new Person(email, entry.Name.Trim(), roles)))
            {
                throw new InvalidDataException($"The staff directory {path} lists {email} twice.");
            }
        }

        return new StaffDirectory(people.ToFrozenDictionary(StringComparer.Ordinal), password);
    }

    /// <summary>The person with this e-mail address (any case), or null.</summary>
    public Person? Find(string? email) =>
        email is not null && this.people.TryGetValue(email.Trim().ToLowerInvariant(), out var person) ? person : null;

    /// <summary>
    /// The person if the e-mail address is in the directory and the password is right, else null. The
    /// password is compared in constant time, and compared even for an unknown address.
    /// </summary>
    public Person? Verify(string? email, string? password)
    {
        byte[] given = SHA256.HashData(Encoding.UTF8.GetBytes(password ?? ""));
        bool right = CryptographicOperations.FixedTimeEquals(given, this.passwordHash);
        var person = this.Find(email);
        return right && person is not null ? person : null;
    }

    private sealed class StaffFile
    {
        public List<StaffEntry?>? People { get; set; }
    }

    private sealed class StaffEntry
    {
        public string? Email { get; set; }

        public string? Name { get; set; }

        public List<string>? Roles { get; set; }
    }
}
