using System.Text.Json;
using Registry.Protocol.Errors;

namespace Registry.Protocol.Json;

/// <summary>Type-checked reads of JSON members; every failure names the member.</summary>
internal static class JsonValues
{
    public static OAuthError? ReadString(JsonElement value, string name, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid($"{name} must be a string");
        }

        text = value.GetString()!;
        return CheckText(text, name);
    }

    public static OAuthError? ReadStringArray(JsonElement value, string name, out IReadOnlyList<string> items)
    {
        items = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid($"{name} must be an array of strings");
        }

        var count = value.GetArrayLength();
        if (count > Metadata.MetadataLimits.MaxArrayItems)
        {
            return Invalid($"{name} has {count} entries; at most {Metadata.MetadataLimits.MaxArrayItems} are accepted");
        }

        var list = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Invalid($"{name}[{index}] must be a string");
            }

            var text = item.GetString()!;
            if (CheckText(text, $"{name}[{index}]") is { } error)
            {
                return error;
            }

            list.Add(text);
            index++;
        }

        items = list;
        return null;
    }

    public static OAuthError? ReadInteger(JsonElement value, string name, out long number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out number)
            ? null
            : Invalid($"{name} must be an integer");
    }

    public static OAuthError? ReadBoolean(JsonElement value, string name, out bool flag)
    {
        flag = value.ValueKind == JsonValueKind.True;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : Invalid($"{name} must be true or false");
    }

    /// <summary>Strings are bounded and free of control characters (they end up in headers, logs and UIs).</summary>
    private static OAuthError? CheckText(string text, string name)
    {
        if (text.Length > Metadata.MetadataLimits.MaxStringLength)
        {
            return Invalid($"{name} is longer than {Metadata.MetadataLimits.MaxStringLength} characters");
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return Invalid($"{name} contains a control character");
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return Invalid($"{name} contains an unpaired UTF-16 surrogate");
            }
        }

        return null;
    }

    private static OAuthError Invalid(string description) => OAuthError.InvalidClientMetadata(description);
}
