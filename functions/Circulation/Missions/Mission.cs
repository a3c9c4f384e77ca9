namespace Circulation.Missions;

/// <summary>
/// A permanent mission (or permanent observer mission) to which the Office of the President of the
/// General Assembly circulates letters.
/// </summary>
/// <param name="Id">Stable identifier: ISO 3166-1 alpha-3 in lower case for States, a short slug for organizations.</param>
/// <param name="Name">Official United Nations short name, e.g. "Côte d'Ivoire".</param>
/// <param name="Category">Whether the mission is a Member State, an observer State or an observer organization.</param>
/// <param name="Email">Address to which circulated letters are sent.</param>
/// <param name="HeadTitle">Title of the head of mission, e.g. "Permanent Representative".</param>
/// <param name="Language">Language of correspondence, e.g. "English", "French" or "Spanish".</param>
/// <param name="MissionName">
/// The mission's name in its language of correspondence, as the Office's notes address it, e.g. "Mission permanente
/// de l'Algérie" or "Misión Permanente de la Argentina"; the directory requires it for French and Spanish.
/// </param>
public sealed record Mission(
    string Id,
    string Name,
    MissionCategory Category,
    string Email,
    string HeadTitle,
    string Language,
    string? MissionName = null)
{
    /// <summary>The language the Office writes to the mission in: its language of correspondence when French or Spanish, otherwise English.</summary>
    public CorrespondenceLanguage WritesIn =>
        string.Equals(this.Language, "French", StringComparison.OrdinalIgnoreCase) ? CorrespondenceLanguage.French
        : string.Equals(this.Language, "Spanish", StringComparison.OrdinalIgnoreCase) ? CorrespondenceLanguage.Spanish
        : CorrespondenceLanguage.English;
}
