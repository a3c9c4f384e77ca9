using Circulation.Staff;

namespace Circulation.Signature;

/// <summary>
/// The handwritten signature printed on a signed letter: the signatory's own image from the staff directory.
/// Only the signed letter asks for it (after that signatory's signed-in signature); drafts, previews and enclosed
/// letters never carry one.
/// </summary>
public sealed class SignatureImages
{
    private readonly StaffDirectory staff;

    /// <summary>Creates the lookup.</summary>
    public SignatureImages(StaffDirectory staff)
    {
        this.staff = staff;
    }

    /// <summary>The PNG of <paramref name="email"/>'s signature.</summary>
    /// <exception cref="InvalidOperationException">The person is no longer a signatory with an image in the directory.</exception>
    public byte[] Get(string email) =>
        this.staff.Find(email) is { Signature: { } image } person && person.Has(StaffRole.Signatory)
            ? image
            : throw new InvalidOperationException($"{email} is not a signatory with a signature image in the staff directory.");
}
