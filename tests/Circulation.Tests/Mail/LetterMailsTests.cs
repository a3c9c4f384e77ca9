using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Mail;

public sealed class LetterMailsTests
{
    private const string LetterId = "L20261125-103512-7K2QX9";
    private const string Subject = "Revitalization of the work of the General Assembly";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 35, 12, TimeSpan.Zero);
    private static readonly PendingAction Pending = new(LinkPurpose.Approval, 0, "chef@un.example", "token", Now.AddDays(14));
    private static readonly Uri Link = new("https://circulation.un.example/approve?token=abc");
    private static readonly byte[] SignedPdf = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0xE2, 0xE3, 0xCF, 0xD3];
    private static readonly MissionDirectory Directory = MissionDirectory.LoadEmbedded();
    private static readonly Uri VerifyPage = new("https://circulation.un.example/verify");
    private static readonly Uri LetterPage = new($"https://circulation.un.example/letters/{LetterId}");
    private static readonly Uri EditPage = new($"https://circulation.un.example/letters/{LetterId}/edit");

    private static LetterDraft Draft(string body = "I have the honour to inform you ...", DateOnly? date = null, IReadOnlyList<Enclosure>? enclosures = null) => new(
        Subject,
        date ?? new DateOnly(2026, 11, 25),
        body,
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        ["chef@un.example"],
        "permanent-representatives",
        "drafter@un.example",
        enclosures);

    private static Mission Embedded(string id) => Directory.Find(id) ?? throw new InvalidOperationException($"No mission '{id}'.");

    private static OutgoingMail CopyFor(Mission mission, LetterDraft? draft = null) =>
        LetterMails.MissionCopy(LetterId, draft ?? Draft(), mission, SignedPdf, VerifyPage);

    [Fact]
    public void ApprovalRequest_WithChangesSinceAnEarlierVersion_SummarizesThemInTextAndHtml()
    {
        var changes = LetterChanges.Between(1, Draft("The meeting will resume in the coming weeks."), 2, Draft("The meeting will resume on 12 March."));

        var mail = LetterMails.ApprovalRequest(LetterId, 2, Draft("The meeting will resume on 12 March."), Pending, Link, new byte[] { 1 }, changes);

        Assert.Contains("Changes since version 1, which you last saw: 1 paragraph of the body changed (+3 words, -4 words).", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("[-in the coming weeks.-] {+on 12 March.+}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<ins", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Link.ToString(), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalRequest_FirstTimeTheApproverSeesTheLetter_HasNoChangesSection()
    {
        var mail = LetterMails.ApprovalRequest(LetterId, 2, Draft("Text."), Pending, Link, new byte[] { 1 });

        Assert.DoesNotContain("Changes since", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes since", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterNotice_ChangesRequested_TellsHowToReviseAndLinksTheLettersEditView()
    {
        var progress = LetterProgress.Start(LetterId, "Subject", 1).Submit(1, "Subject", Now)
            .AwaitApproval(Pending).Decide(ApprovalDecision.RequestChanges, "Cite resolution 78/1.", Now);

        var mail = LetterMails.DrafterNotice(LetterId, 1, "drafter@un.example", progress, LetterPage, EditPage);

        Assert.Equal("Changes requested: Subject", mail.Subject);
        Assert.Contains("Cite resolution 78/1.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("submit it again", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Edit it here: https://circulation.un.example/letters/{LetterId}/edit", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/#", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterNotice_Rejected_DoesNotInviteARevision_AndLinksTheLettersPage()
    {
        var progress = LetterProgress.Start(LetterId, "Subject", 1).Submit(1, "Subject", Now)
            .AwaitApproval(Pending).Decide(ApprovalDecision.Reject, "No.", Now);

        var mail = LetterMails.DrafterNotice(LetterId, 1, "drafter@un.example", progress, LetterPage, EditPage);

        Assert.DoesNotContain("submit it again", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"The letter: https://circulation.un.example/letters/{LetterId}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/edit", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterWithdrawal_NamesWhoWithdrewItWhyAndLinksTheLettersPage_UnderAMessageIdOfItsOwn()
    {
        var withdrawal = new LetterAction(LetterActionKind.Withdrawn, "office.manager@un.example", Now, "Superseded <by> the statement.", null, null, null, null, null);
        var page = new Uri($"https://circulation.un.example/letters/{LetterId}");

        var mail = InFlightMails.DrafterWithdrawal(new DrafterWithdrawalNotice(LetterId, 2, Subject, "drafter@un.example", withdrawal), page);

        Assert.Equal(("drafter@un.example", $"Withdrawn: {Subject}"), (mail.To, mail.Subject));
        Assert.Contains($"was withdrawn by office.manager@un.example on {LetterProgress.InWords(Now)}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Reason: Superseded <by> the statement.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(page.ToString(), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Superseded &lt;by&gt; the statement.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal($"{LetterId}.v2.withdrawn.drafter@circulation", mail.MessageId);
    }

    [Fact]
    public void FrenchMission_GetsTheFrenchNote()
    {
        var mail = CopyFor(Embedded("dza"));

        Assert.Equal(
            """
            Le Bureau du Président de l'Assemblée générale présente ses compliments à la Mission permanente de l'Algérie auprès de l'Organisation des Nations Unies et a l'honneur de lui transmettre ci-joint une lettre du Président de l'Assemblée générale, datée du 25 novembre 2026, ayant pour objet « Revitalization of the work of the General Assembly ».

            Le Bureau du Président de l'Assemblée générale saisit cette occasion pour renouveler à la Mission permanente de l'Algérie les assurances de sa très haute considération.

            Bureau du Président de l'Assemblée générale

            Pour vérifier que la lettre ci-jointe est authentique et n'a pas été modifiée, déposez le fichier PDF sur la page https://circulation.un.example/verify ; le fichier ne quitte pas votre ordinateur.
            """.Replace("« ", "«\u00A0", StringComparison.Ordinal).Replace(" »", "\u00A0»", StringComparison.Ordinal).Replace(" ;", "\u00A0;", StringComparison.Ordinal),
            mail.TextBody);
    }

    [Fact]
    public void SpanishMission_GetsTheSpanishNote()
    {
        var mail = CopyFor(Embedded("arg"));

        Assert.Equal(
            """
            La Oficina del Presidente de la Asamblea General saluda atentamente a la Misión Permanente de la Argentina ante las Naciones Unidas y tiene el honor de transmitirle adjunta una carta del Presidente de la Asamblea General, de fecha 25 de noviembre de 2026, sobre el asunto «Revitalization of the work of the General Assembly».

            La Oficina del Presidente de la Asamblea General aprovecha la oportunidad para reiterar a la Misión Permanente de la Argentina las seguridades de su más alta consideración.

            Oficina del Presidente de la Asamblea General

            Para comprobar que la carta adjunta es auténtica y no ha sido modificada, deposite el archivo PDF en la página https://circulation.un.example/verify; el archivo no sale de su computadora.
            """,
            mail.TextBody);
    }

    [Fact]
    public void EnglishMission_GetsTheEnglishLetter()
    {
        var mail = CopyFor(Embedded("afg"));

        Assert.Equal(
            """
            Excellency,

            I have the honour to transmit herewith a letter from the President of the General Assembly, dated 25 November 2026, on the subject "Revitalization of the work of the General Assembly".

            Please accept, Excellency, the assurances of my highest consideration.

            Office of the President of the General Assembly

            To check that the attached letter is authentic and unchanged, drop the PDF on https://circulation.un.example/verify; the file does not leave your computer.
            """,
            mail.TextBody);
    }

    [Theory]
    [InlineData("Arabic")]
    [InlineData("Russian")]
    [InlineData("")]
    public void MissionOfAnotherLanguage_GetsTheEnglishLetter(string language)
    {
        var english = CopyFor(Embedded("afg"));
        var other = new Mission("xyz", "Somewhere", MissionCategory.MemberState, "pr.xyz@missions.example", "Permanent Representative", language, "Mission of Somewhere");

        Assert.Equal(english.TextBody, CopyFor(other).TextBody);
    }

    [Fact]
    public void LanguageOfCorrespondence_IsMatchedWhateverItsCase()
    {
        var french = Embedded("fra") with { Language = "french" };

        Assert.StartsWith("Le Bureau du Président de l'Assemblée générale présente ses compliments à la Mission permanente de la France ", CopyFor(french).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLanguage_KeepsTheSubjectAsWritten_AndAttachesTheSignedPdfByteForByte()
    {
        var copies = new[] { "afg", "dza", "arg", "oif", "oas" }.Select(id => CopyFor(Embedded(id))).ToList();

        Assert.All(copies, mail =>
        {
            Assert.Equal(Subject, mail.Subject);
            var attachment = Assert.Single(mail.Attachments);
            Assert.Equal("2026-11-25 Letter from the President of the General Assembly.pdf", attachment.FileName);
            Assert.Equal("application/pdf", attachment.ContentType);
            Assert.Equal(SignedPdf, attachment.Content.ToArray());
            Assert.Null(mail.HtmlBody);
        });
        Assert.Equal(copies.Count, copies.Select(c => c.TextBody).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("President of the General Assembly", "2026-11-25 Letter from the President of the General Assembly.pdf")]
    [InlineData("The Chef de Cabinet", "2026-11-25 Letter from The Chef de Cabinet.pdf")]
    [InlineData("Co-Chair: \"Revitalization\" / Working Group", "2026-11-25 Letter from the Co-Chair Revitalization Working Group.pdf")]
    [InlineData("  ", "2026-11-25 Letter.pdf")]
    public void SignedPdfName_IsTheLetterDateAndWhoItIsFrom_WithoutCharactersFileSystemsRefuse(string title, string expected)
    {
        var draft = Draft() with { Signatory = new Signatory("Amina Rahman", title, "pga@un.example") };

        Assert.Equal(expected, LetterMails.SignedPdfName(draft));
    }

    [Fact]
    public void Observers_AreAddressedAsObserverMissions()
    {
        Assert.Contains("à la Mission permanente d'observation de l'Organisation internationale de la Francophonie auprès de l'Organisation des Nations Unies", CopyFor(Embedded("oif")).TextBody, StringComparison.Ordinal);
        Assert.Contains("a la Misión Permanente de Observación de la Organización de los Estados Americanos ante las Naciones Unidas", CopyFor(Embedded("oas")).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstOfTheMonth_IsWrittenAsFrenchAndSpanishWriteIt()
    {
        var draft = Draft(date: new DateOnly(2026, 12, 1));

        Assert.Contains("datée du 1er décembre 2026,", CopyFor(Embedded("sen"), draft).TextBody, StringComparison.Ordinal);
        Assert.Contains("de fecha 1 de diciembre de 2026,", CopyFor(Embedded("per"), draft).TextBody, StringComparison.Ordinal);
        Assert.Contains("dated 1 December 2026,", CopyFor(Embedded("afg"), draft).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, ", with its enclosure.", ", ainsi que la pièce qui y est jointe.", ", junto con su anexo.")]
    [InlineData(2, ", with its enclosures.", ", ainsi que les pièces qui y sont jointes.", ", junto con sus anexos.")]
    public void Enclosures_AreMentionedInEachLanguage(int count, string english, string french, string spanish)
    {
        var enclosures = Enumerable.Range(1, count).Select(n => (Enclosure)new EnclosedDocument($"doc{n}", $"Document {n}")).ToList();
        var draft = Draft(enclosures: enclosures);

        Assert.Contains(english, CopyFor(Embedded("afg"), draft).TextBody, StringComparison.Ordinal);
        Assert.Contains(french, CopyFor(Embedded("dza"), draft).TextBody, StringComparison.Ordinal);
        Assert.Contains(spanish, CopyFor(Embedded("arg"), draft).TextBody, StringComparison.Ordinal);
    }
}
