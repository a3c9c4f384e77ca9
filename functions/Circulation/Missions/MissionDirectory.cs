using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.Mail;

namespace Circulation.Missions;

/// <summary>
/// The directory of permanent missions and the distribution lists built from it.
/// </summary>
public sealed partial class MissionDirectory
{
    /// <summary>Id of the list of all Member States.</summary>
    public const string PermanentRepresentativesListId = "permanent-representatives";

    /// <summary>Id of the list of all Member States, observer States and observer organizations.</summary>
    public const string PermanentRepresentativesAndObserversListId = "permanent-representatives-and-observers";

    /// <summary>Logical name of the embedded directory resource in the Circulation assembly.</summary>
    public const string EmbeddedResourceName = "Circulation.Missions.missions.json";

    private static readonly StringComparer NameComparer = StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true);

    private readonly Dictionary<string, Mission> byId;
    private readonly Dictionary<string, IReadOnlyList<Mission>> membersByList;
    private readonly Dictionary<string, DistributionList> listsById;

    private MissionDirectory(IReadOnlyList<Mission> missions)
    {
        All = missions
            .OrderBy(m => m.Category)
            .ThenBy(m => m.Name, NameComparer)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToArray();
        byId = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

        IReadOnlyList<Mission> memberStates = All.Where(m => m.Category == MissionCategory.MemberState).ToArray();
        var lists = new[]
        {
            new DistributionList(
                PermanentRepresentativesListId,
                "All Permanent Representatives",
                ["All Permanent Representatives to the United Nations", "New York"],
                memberStates.Count),
            new DistributionList(
                PermanentRepresentativesAndObserversListId,
                "All Permanent Representatives and Permanent Observers",
                ["All Permanent Representatives and Permanent Observers to the United Nations", "New York"],
                All.Count),
        };
        Lists = lists;
        listsById = lists.ToDictionary(l => l.Id, StringComparer.Ordinal);
        membersByList = new Dictionary<string, IReadOnlyList<Mission>>(StringComparer.Ordinal)
        {
            [PermanentRepresentativesListId] = memberStates,
            [PermanentRepresentativesAndObserversListId] = All,
        };
    }

    /// <summary>
    /// Every mission: Member States by name, then observer States by name, then observer organizations by name.
    /// </summary>
    public IReadOnlyList<Mission> All { get; }

    /// <summary>The distribution lists letters can be circulated to.</summary>
    public IReadOnlyList<DistributionList> Lists { get; }

    /// <summary>Loads the directory embedded in the Circulation assembly.</summary>
    /// <returns>The parsed, validated directory.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    /// <exception cref="MissionDirectoryException">The embedded data is invalid.</exception>
    public static MissionDirectory LoadEmbedded()
    {
        using var stream = typeof(MissionDirectory).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{EmbeddedResourceName}' was not found.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// Parses and validates directory JSON: an array of objects with
    /// <c>id</c>, <c>name</c>, <c>category</c>, <c>email</c>, <c>headTitle</c> and <c>language</c>, and
    /// <c>missionName</c> for the missions the Office writes to in French or Spanish.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The validated directory.</returns>
    /// <exception cref="MissionDirectoryException">The data is invalid; every problem found is listed.</exception>
    public static MissionDirectory Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
        }
        catch (JsonException ex)
        {
            throw new MissionDirectoryException([$"The directory is not valid JSON: {ex.Message}"], ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new MissionDirectoryException(
                    [$"The directory must be a JSON array, not {document.RootElement.ValueKind}."]);
            }

            var problems = new List<string>();
            var missions = new List<Mission>();
            var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenEmails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var mission = ReadMission(element, index, problems);
                if (mission is not null)
                {
                    var label = Describe(index, mission.Id);
                    if (mission.Id.Length > 0 && !seenIds.TryAdd(mission.Id, index))
                    {
                        problems.Add($"{label}: duplicate id '{mission.Id}' (first used by entry {seenIds[mission.Id]}).");
                    }

                    if (mission.Email.Length > 0 && !seenEmails.TryAdd(mission.Email, index))
                    {
                        problems.Add($"{label}: duplicate e-mail address '{mission.Email}' (first used by entry {seenEmails[mission.Email]}).");
                    }

                    missions.Add(mission);
                }

                index++;
            }

            if (problems.Count > 0)
            {
                throw new MissionDirectoryException(problems);
            }

            return new MissionDirectory(missions);
        }
    }

    /// <summary>Looks up a distribution list by id.</summary>
    /// <param name="id">The list id, e.g. "permanent-representatives".</param>
    /// <param name="list">The list, when found.</param>
    /// <returns><see langword="true"/> when the list exists.</returns>
    public bool TryGetList(string id, [NotNullWhen(true)] out DistributionList? list)
    {
        ArgumentNullException.ThrowIfNull(id);
        return listsById.TryGetValue(id, out list);
    }

    /// <summary>
    /// The missions on a distribution list: Member States by name, then observer States, then organizations.
    /// </summary>
    /// <param name="listId">The list id.</param>
    /// <returns>The members of the list.</returns>
    /// <exception cref="ArgumentException">No list has that id.</exception>
    public IReadOnlyList<Mission> MembersOf(string listId)
    {
        ArgumentNullException.ThrowIfNull(listId);
        return membersByList.TryGetValue(listId, out var members)
            ? members
            : throw new ArgumentException($"Unknown distribution list '{listId}'.", nameof(listId));
    }

    /// <summary>Finds a mission by id.</summary>
    /// <param name="missionId">The mission id, e.g. "fra".</param>
    /// <returns>The mission, or <see langword="null"/> when there is none with that id.</returns>
    public Mission? Find(string missionId)
    {
        ArgumentNullException.ThrowIfNull(missionId);
        return byId.GetValueOrDefault(missionId);
    }

    [GeneratedRegex("^[a-z0-9-]{2,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private static string Describe(int index, string? id) =>
        string.IsNullOrEmpty(id) ? $"Entry {index}" : $"Entry {index} ('{id}')";

    private static Mission? ReadMission(JsonElement element, int index, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"Entry {index}: expected a JSON object, not {element.ValueKind}.");
            return null;
        }

        var id = ReadString(element, "id");
        var label = Describe(index, id);
        var name = ReadString(element, "name");
        var categoryText = ReadString(element, "category");
        var email = ReadString(element, "email");
        var headTitle = ReadString(element, "headTitle");
        var language = ReadString(element, "language");
        var missionName = ReadString(element, "missionName");

        if (id is null || !IdPattern().IsMatch(id))
        {
            problems.Add($"{label}: id '{id}' does not match ^[a-z0-9-]{{2,20}}$.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{label}: name is empty.");
        }

        MissionCategory category = default;
        if (categoryText is null || !Enum.GetNames<MissionCategory>().Contains(categoryText, StringComparer.Ordinal))
        {
            problems.Add($"{label}: unknown category '{categoryText}'.");
        }
        else
        {
            category = Enum.Parse<MissionCategory>(categoryText);
        }

        if (!EmailAddressRule.IsValid(email))
        {
            problems.Add($"{label}: malformed e-mail address '{email}'.");
        }

        if (string.IsNullOrWhiteSpace(headTitle))
        {
            problems.Add($"{label}: headTitle is empty.");
        }

        if (string.IsNullOrWhiteSpace(language))
        {
            problems.Add($"{label}: language is empty.");
        }

        var mission = new Mission(
            id ?? string.Empty, name ?? string.Empty, category, email ?? string.Empty, headTitle ?? string.Empty, language ?? string.Empty,
            string.IsNullOrWhiteSpace(missionName) ? null : missionName);
        if (mission.WritesIn != CorrespondenceLanguage.English && mission.MissionName is null)
        {
            problems.Add($"{label}: missionName is empty; the cover e-mail in {mission.WritesIn} names the mission in {mission.WritesIn}.");
        }

        return mission;
    }

    private static string? ReadString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
