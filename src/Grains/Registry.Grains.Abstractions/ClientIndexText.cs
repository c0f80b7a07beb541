namespace Registry.Grains.Abstractions;

/// <summary>
/// How much of a client's name and software_id the index keeps: at most <see cref="BudgetBytes"/> bytes once
/// written as JSON, counting every character that an encoder may escape ("\uXXXX") as 6 bytes. So a page of
/// <see cref="ClientIndexKey.PageSize"/> entries stays below about 720 KB even when every entry is as long as
/// allowed (Azure Table stores at most 1 MB per entity), and around 200 KB for ordinary names. Plain ASCII
/// text up to 256 characters is kept whole. Filters are cut the same way before they are compared.
/// </summary>
public static class ClientIndexText
{
    public const int BudgetBytes = 256;

    private const int EscapedBytes = 6;

    public static string? Cut(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            bytes += IsPlain(text[i]) ? 1 : EscapedBytes;
            if (bytes > BudgetBytes)
            {
                // Never keep half of a surrogate pair.
                var end = i > 0 && char.IsHighSurrogate(text[i - 1]) ? i - 1 : i;
                return text[..end];
            }
        }

        return text;
    }

    /// <summary>Printable ASCII that System.Text.Json's default encoder writes as itself.</summary>
    private static bool IsPlain(char c) => c is >= ' ' and < '\u007f' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`');
}
