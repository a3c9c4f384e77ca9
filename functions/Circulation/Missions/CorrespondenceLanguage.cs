namespace Circulation.Missions;

/// <summary>The languages the Office writes its cover e-mails in; any other language of correspondence gets English.</summary>
public enum CorrespondenceLanguage
{
    /// <summary>English, also for every language the Office has no wording in.</summary>
    English,

    /// <summary>French.</summary>
    French,

    /// <summary>Spanish.</summary>
    Spanish,
}
