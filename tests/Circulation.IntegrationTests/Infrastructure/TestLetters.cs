namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>Letters for the tests, each with a unique tag in its subject and addresses so tests never see each other's mail.</summary>
internal static class TestLetters
{
    /// <summary>The list of every Member State, observer State and observer organization.</summary>
    public const string AllMissions = "permanent-representatives-and-observers";

    /// <summary>The list of Member States.</summary>
    public const string MemberStates = "permanent-representatives";

    /// <summary>Sentences the body is made of; each must come back out of the signed PDF.</summary>
    public static readonly string[] BodySentences =
    [
        "I have the honour to inform you that the informal consultations on the revitalization of the work of the General Assembly will resume on 12 March.",
        "The co-facilitators will circulate a zero draft of the resolution one week before the first meeting.",
        "I encourage all delegations to participate actively and constructively in these consultations.",
    ];

    /// <summary>A new unique tag, e.g. "IT-3f9c2a7b1d".</summary>
    public static string NewTag(string kind) => $"IT{kind}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>The subject for <paramref name="tag"/>.</summary>
    public static string Subject(string tag) => $"Informal consultations on revitalization {tag}";

    /// <summary>
    /// Approver number <paramref name="n"/> (1-based) of the letter tagged <paramref name="tag"/>: people of the staff
    /// directory, shared by every letter (mail is told apart by the tag in the subject).
    /// </summary>
    public static string Approver(string tag, int n) => TestPeople.Approvers[n - 1];

    /// <summary>The signatory of the letter tagged <paramref name="tag"/>: the President.</summary>
    public static string Signatory(string tag) => TestPeople.Signatory;

    /// <summary>The drafter of the letter tagged <paramref name="tag"/>: the person the fixture's client signs in as.</summary>
    public static string Drafter(string tag) => TestPeople.Drafter;

    /// <summary>A valid letter as the API takes it (a dictionary, so tests can remove or break single fields).</summary>
    public static Dictionary<string, object?> Valid(string tag, int approvers = 1, string list = MemberStates) => new(StringComparer.Ordinal)
    {
        ["subject"] = Subject(tag),
        ["body"] = string.Join("\n\n", BodySentences),
        ["signatory"] = Signatory(tag),
        ["approvers"] = Enumerable.Range(1, approvers).Select(n => Approver(tag, n)).ToArray(),
        ["distributionList"] = list,
    };
}
