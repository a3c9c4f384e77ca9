namespace Circulation.Rendering;

/// <summary>A signatory as printed: the handwritten signature image, name and title.</summary>
/// <param name="Name">The typed name, e.g. "Amina Rahman".</param>
/// <param name="Title">The title line, e.g. "President of the General Assembly".</param>
/// <param name="SignatureImage">PNG bytes of the handwritten signature; null prints "(Signed)" on a signed
/// letter (the United Nations convention for a signature not reproduced) and nothing on an unsigned one.</param>
public sealed record SignatureBlock(string Name, string Title, byte[]? SignatureImage);
