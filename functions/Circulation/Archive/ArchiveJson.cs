using System.Text.Json;
using System.Text.Json.Serialization;

namespace Circulation.Archive;

/// <summary>The JSON form of archived records (versions, decisions, deliveries, manifests) and API bodies.</summary>
public static class ArchiveJson
{
    /// <summary>camelCase, indented, enums as names, dates ISO 8601.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Enclosures are polymorphic on "kind"; accept it anywhere in the object, not only first.
        AllowOutOfOrderMetadataProperties = true,
    };

    /// <summary>Serializes <paramref name="value"/> to UTF-8 bytes.</summary>
    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes UTF-8 bytes.</summary>
    public static T FromBytes<T>(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new JsonException($"Archived {typeof(T).Name} is empty.");
}
