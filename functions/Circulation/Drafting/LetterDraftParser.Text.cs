using System.Text;
using System.Text.Json;
using Circulation.Mail;
using Circulation.Rendering;

namespace Circulation.Drafting;

// Text fields: required, within their length, on one line where they must be, readable and printable; e-mail addresses.
public static partial class LetterDraftParser
{
    /// <summary>Passes <paramref name="text"/> through when every character prints correctly; else records why not.</summary>
    private static string? Printable(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (LetterScripts.FindUnprintable(text) is { } problem)
        {
            errors.Add(new FieldError(path, $"'{path}' contains {problem}, which the letter PDF cannot print correctly. {LetterScripts.Supported}"));
            return null;
        }

        return text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>The path of the first string or property name in <paramref name="element"/> that cannot be read as text; null when there is none.</summary>
    private static string? FindBrokenText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "(body)" : path;
                    }

                    if (FindBrokenText(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } broken)
                    {
                        return broken;
                    }
                }

                return null;

            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindBrokenText(item, $"{path}[{index++}]") is { } broken)
                    {
                        return broken;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static string? RequiredText(JsonElement parent, string name, int maxLength, bool singleLine, List<FieldError> errors, string? path = null)
    {
        path ??= name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(path, $"'{path}' is required."));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, $"'{path}' must be a string."));
            return null;
        }

        // One kind of line break, in normalization form C, before anything is checked: what is checked is what is stored.
        string text = value.GetString()!.Trim();
        text = (singleLine ? text : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')).Normalize(NormalizationForm.FormC);
        if (text.Length == 0)
        {
            errors.Add(new FieldError(path, $"'{path}' must not be empty."));
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new FieldError(path, $"'{path}' is {text.Length} characters long; the limit is {maxLength}."));
            return null;
        }

        if (singleLine && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add(new FieldError(path, $"'{path}' must be a single line."));
            return null;
        }

        if (HiddenCharacters.Check(path, text, multiLine: !singleLine) is { } hidden)
        {
            errors.Add(hidden);
            return null;
        }

        return text;
    }

    private static string? RequiredEmail(JsonElement parent, string name, string path, List<FieldError> errors)
    {
        string? text = RequiredText(parent, name, 254, singleLine: true, errors, path);
        if (text is not null && !EmailAddressRule.IsValid(text))
        {
            errors.Add(new FieldError(path, $"'{path}' must be an e-mail address like name@example.org; got '{text}'."));
            return null;
        }

        return text;
    }
}
