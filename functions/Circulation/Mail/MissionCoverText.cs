using System.Globalization;
using Circulation.Drafting;
using Circulation.Missions;

namespace Circulation.Mail;

/// <summary>The text of the cover e-mail a mission gets with the signed letter, in the language the Office writes to it in.</summary>
internal static class MissionCoverText
{
    private const char NoBreakSpace = '\u00A0';

    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>
    /// The cover e-mail's plain text for <paramref name="mission"/>, ending with how to check the letter on
    /// <paramref name="verifyPage"/> (the public verification page).
    /// </summary>
    public static string For(LetterDraft draft, Mission mission, Uri verifyPage)
    {
        int enclosures = draft.Enclosures?.Count ?? 0;
        return mission.WritesIn switch
        {
            // The directory refuses a French or Spanish mission without its name in that language.
            CorrespondenceLanguage.French when mission.MissionName is { } name => French(draft, name, enclosures) + $"""


                Pour vérifier que la lettre ci-jointe est authentique et n'a pas été modifiée, déposez le fichier PDF sur la page {verifyPage}{NoBreakSpace}; le fichier ne quitte pas votre ordinateur.
                """,
            CorrespondenceLanguage.Spanish when mission.MissionName is { } name => Spanish(draft, name, enclosures) + $"""


                Para comprobar que la carta adjunta es auténtica y no ha sido modificada, deposite el archivo PDF en la página {verifyPage}; el archivo no sale de su computadora.
                """,
            _ => English(draft, enclosures) + $"""


                To check that the attached letter is authentic and unchanged, drop the PDF on {verifyPage}; the file does not leave your computer.
                """,
        };
    }

    private static string English(LetterDraft draft, int enclosures)
    {
        string with = enclosures switch { 0 => "", 1 => ", with its enclosure", _ => ", with its enclosures" };
        return $"""
            Excellency,

            I have the honour to transmit herewith a letter from the President of the General Assembly, dated {draft.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, on the subject "{draft.Subject}"{with}.

            Please accept, Excellency, the assurances of my highest consideration.

            Office of the President of the General Assembly
            """;
    }

    private static string French(LetterDraft draft, string missionName, int enclosures)
    {
        string with = enclosures switch { 0 => "", 1 => ", ainsi que la pièce qui y est jointe", _ => ", ainsi que les pièces qui y sont jointes" };
        // French writes the first day of a month as an ordinal ("1er décembre").
        string day = draft.Date.Day == 1 ? "1er" : draft.Date.Day.ToString(CultureInfo.InvariantCulture);
        string date = string.Create(CultureInfo.InvariantCulture, $"{day} {FrenchMonths[draft.Date.Month - 1]} {draft.Date.Year}");
        return $"""
            Le Bureau du Président de l'Assemblée générale présente ses compliments à la {missionName} auprès de l'Organisation des Nations Unies et a l'honneur de lui transmettre ci-joint une lettre du Président de l'Assemblée générale, datée du {date}, ayant pour objet «{NoBreakSpace}{draft.Subject}{NoBreakSpace}»{with}.

            Le Bureau du Président de l'Assemblée générale saisit cette occasion pour renouveler à la {missionName} les assurances de sa très haute considération.

            Bureau du Président de l'Assemblée générale
            """;
    }

    private static string Spanish(LetterDraft draft, string missionName, int enclosures)
    {
        string with = enclosures switch { 0 => "", 1 => ", junto con su anexo", _ => ", junto con sus anexos" };
        string date = string.Create(CultureInfo.InvariantCulture, $"{draft.Date.Day} de {SpanishMonths[draft.Date.Month - 1]} de {draft.Date.Year}");
        return $"""
            La Oficina del Presidente de la Asamblea General saluda atentamente a la {missionName} ante las Naciones Unidas y tiene el honor de transmitirle adjunta una carta del Presidente de la Asamblea General, de fecha {date}, sobre el asunto «{draft.Subject}»{with}.

            La Oficina del Presidente de la Asamblea General aprovecha la oportunidad para reiterar a la {missionName} las seguridades de su más alta consideración.

            Oficina del Presidente de la Asamblea General
            """;
    }
}
