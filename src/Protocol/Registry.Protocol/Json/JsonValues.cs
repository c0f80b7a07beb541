using System.Text.Json;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Json;

/// <summary>Type-checked reads of JSON members; every failure names the member.</summary>
internal static class JsonValues
{
    public static Outcome<string> ReadString(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid(ErrorIds.MetadataWrongType, $"{name} must be a string");
        }

        var text = value.GetString()!;
        return CheckText(text, name) is { } error ? error : text;
    }

    public static Outcome<IReadOnlyList<string>> ReadStringArray(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid(ErrorIds.MetadataWrongType, $"{name} must be an array of strings");
        }

        var count = value.GetArrayLength();
        if (count > MetadataLimits.MaxArrayItems)
        {
            return Invalid(ErrorIds.MetadataTooManyItems, $"{name} has {count} entries; at most {MetadataLimits.MaxArrayItems} are accepted");
        }

        var list = new List<string>(count);
        foreach (var item in value.EnumerateArray())
        {
            var member = $"{name}[{list.Count}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                return Invalid(ErrorIds.MetadataWrongType, $"{member} must be a string");
            }

            var text = item.GetString()!;
            if (CheckText(text, member) is { } error)
            {
                return error;
            }

            list.Add(text);
        }

        return list;
    }

    public static Outcome<long> ReadInteger(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : Invalid(ErrorIds.MetadataWrongType, $"{name} must be an integer");

    public static Outcome<bool> ReadBoolean(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => Invalid(ErrorIds.MetadataWrongType, $"{name} must be true or false"),
    };

    /// <summary>
    /// Strings are bounded and free of control characters (they end up in headers, logs and UIs). They are
    /// valid UTF-16: System.Text.Json refuses to decode a lone surrogate (the reader answers that itself).
    /// </summary>
    private static OAuthError? CheckText(string text, string name)
    {
        if (text.Length > MetadataLimits.MaxStringLength)
        {
            return Invalid(ErrorIds.MetadataTooLong, $"{name} is longer than {MetadataLimits.MaxStringLength} characters");
        }

        return text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F')
            ? Invalid(ErrorIds.MetadataControlCharacter, $"{name} contains a control character")
            : null;
    }

    private static OAuthError Invalid(string id, string description) => OAuthError.InvalidClientMetadata(id, description);
}
