namespace Circulation.Staff;

/// <summary>What a person of the Office may do in Circulation. A person can hold several roles.</summary>
public enum StaffRole
{
    /// <summary>Composes letters and circulates them; sees and changes the letters they drafted.</summary>
    Drafter,

    /// <summary>Can be named as an approver of a letter.</summary>
    Approver,

    /// <summary>Can be named as the signatory of a letter; has a handwritten signature image.</summary>
    Signatory,

    /// <summary>Sees and changes every letter.</summary>
    Admin,
}
