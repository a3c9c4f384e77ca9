using System.Text.Json;
using Circulation.Mail;
using Circulation.Rendering;

namespace Circulation.Staff;

/// <summary>
/// The people of the Office who may use Circulation, with their printed names and titles, roles and, for
/// signatories, handwritten signatures. Read once at start-up and validated: a directory with a problem (a
/// signatory without a signature image, a duplicate address, an unknown role) stops start-up naming it.
/// </summary>
public sealed class StaffDirectory
{
    /// <summary>Logical name of the embedded directory resource.</summary>
    public const string EmbeddedResourceName = "Circulation.Staff.staff.json";

    /// <summary>Prefix of the embedded signature images' resource names.</summary>
    public const string EmbeddedSignaturePrefix = "Circulation.Staff.";

    private const int MaxNameLength = 120;
    private const int MaxTitleLength = 200;
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, StaffMember> byEmail;

    private StaffDirectory(IReadOnlyList<StaffMember> people)
    {
        this.People = people;
        this.byEmail = people.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Everyone, by name.</summary>
    public IReadOnlyList<StaffMember> People { get; }

    /// <summary>The person with <paramref name="email"/> (any case), or null.</summary>
    public StaffMember? Find(string? email) => email is not null && this.byEmail.TryGetValue(email.Trim(), out var person) ? person : null;

    /// <summary>Loads the directory shipped in the Circulation assembly, with its embedded signature images.</summary>
    public static StaffDirectory LoadEmbedded()
    {
        var assembly = typeof(StaffDirectory).Assembly;
        using var stream = assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{EmbeddedResourceName}' was not found.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), path =>
        {
            using var image = assembly.GetManifestResourceStream(EmbeddedSignaturePrefix + path.Replace('/', '.'));
            if (image is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            image.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>Parses and validates a directory.</summary>
    /// <param name="json">The staff.json text.</param>
    /// <param name="readSignature">Reads a signature image by the relative path staff.json gives; null when there is none.</param>
    /// <exception cref="StaffDirectoryException">The directory has problems; the message lists each one.</exception>
    public static StaffDirectory Parse(string json, Func<string, byte[]?> readSignature)
    {
        ArgumentNullException.ThrowIfNull(readSignature);
        StaffFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StaffFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new StaffDirectoryException($"The staff directory is not valid JSON: {ex.Message}", ex);
        }

        var problems = new List<string>();
        var people = new List<StaffMember>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int index = 0;
        foreach (var entry in file?.People ?? [])
        {
            string where = $"people[{index++}]{(string.IsNullOrWhiteSpace(entry.Email) ? "" : $" ({entry.Email})")}";
            if (Validate(entry, where, seen, readSignature, problems) is { } person)
            {
                people.Add(person);
            }
        }

        if (index == 0)
        {
            problems.Add("It lists nobody: add the Office's people under \"people\".");
        }
        else if (problems.Count == 0)
        {
            if (!people.Any(p => p.Has(StaffRole.Signatory)))
            {
                problems.Add("Nobody has the role \"signatory\", so no letter could be signed.");
            }

            if (!people.Any(p => p.Has(StaffRole.Drafter)))
            {
                problems.Add("Nobody has the role \"drafter\", so no letter could be written.");
            }
        }

        if (problems.Count > 0)
        {
            throw new StaffDirectoryException(problems);
        }

        return new StaffDirectory([.. people.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)]);
    }

    /// <summary>The signature image paths <paramref name="json"/> names (to fetch them before <see cref="Parse"/>); none when it cannot be read.</summary>
    public static IReadOnlyList<string> SignaturePaths(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<StaffFile>(json, JsonOptions);
            return [.. (file?.People ?? []).Select(p => p.Signature?.Trim()).OfType<string>().Where(p => p.Length > 0 && !p.Contains("..", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static StaffMember? Validate(StaffEntry entry, string where, HashSet<string> seen, Func<string, byte[]?> readSignature, List<string> problems)
    {
        int before = problems.Count;
        string email = entry.Email?.Trim() ?? "";
        if (!EmailAddressRule.IsValid(email))
        {
            problems.Add($"{where}: \"email\" must be an e-mail address.");
        }
        else if (!seen.Add(email))
        {
            problems.Add($"{where}: the address {email} is listed twice.");
        }

        string name = Text(entry.Name, "name", MaxNameLength, where, problems);
        string title = Text(entry.Title, "title", MaxTitleLength, where, problems);
        var roles = new HashSet<StaffRole>();
        foreach (string? role in entry.Roles ?? [])
        {
            if (!Enum.TryParse(role, ignoreCase: true, out StaffRole known) || !Enum.IsDefined(known) || int.TryParse(role, out _))
            {
                problems.Add($"{where}: unknown role \"{role}\"; roles are drafter, approver, signatory and admin.");
                continue;
            }

            roles.Add(known);
        }

        if (roles.Count == 0)
        {
            problems.Add($"{where}: \"roles\" must name at least one of drafter, approver, signatory, admin.");
        }

        byte[]? signature = null;
        if (!string.IsNullOrWhiteSpace(entry.Signature))
        {
            string path = entry.Signature.Trim();
            if (path.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(path) || path.Contains('\\', StringComparison.Ordinal))
            {
                problems.Add($"{where}: \"signature\" must be a path inside the directory's folder, like \"Signatures/name.png\".");
            }
            else if ((signature = readSignature(path)) is null)
            {
                problems.Add($"{where}: the signature image {path} does not exist.");
            }
            else if (PngSize.Read(signature) is null)
            {
                problems.Add($"{where}: the signature image {path} is not a PNG.");
                signature = null;
            }
        }
        else if (roles.Contains(StaffRole.Signatory))
        {
            problems.Add($"{where}: {name} is a signatory but has no \"signature\" image; every signatory needs one.");
        }

        return problems.Count > before ? null : new StaffMember(email, name, title, roles, signature);
    }

    private static string Text(string? value, string field, int limit, string where, List<string> problems)
    {
        string text = (value?.Trim() ?? "").Normalize(System.Text.NormalizationForm.FormC);
        if (text.Length == 0 || text.Length > limit || text.Any(c => c is '\r' or '\n'))
        {
            problems.Add($"{where}: \"{field}\" must be one line of 1 to {limit} characters.");
        }
        else if (Drafting.HiddenCharacters.Check(field, text, multiLine: false) is { } hidden)
        {
            problems.Add($"{where}: {hidden.Message}");
        }
        else if (LetterScripts.FindUnprintable(text) is { } unprintable)
        {
            problems.Add($"{where}: \"{field}\" contains {unprintable}, which letters cannot print.");
        }

        return text;
    }

    private sealed record StaffFile(IReadOnlyList<StaffEntry>? People);

    private sealed record StaffEntry(string? Email, string? Name, string? Title, IReadOnlyList<string?>? Roles, string? Signature);
}
