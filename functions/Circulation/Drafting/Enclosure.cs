using System.Text.Json.Serialization;

namespace Circulation.Drafting;

/// <summary>
/// Something sent with a letter, after it, in the one PDF missions receive: another letter composed in the
/// same form (<see cref="EnclosedLetter"/>, "kind": "letter") or an uploaded PDF document
/// (<see cref="EnclosedDocument"/>, "kind": "document").
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(EnclosedLetter), EnclosedLetter.Kind)]
[JsonDerivedType(typeof(EnclosedDocument), EnclosedDocument.Kind)]
public abstract record Enclosure;
