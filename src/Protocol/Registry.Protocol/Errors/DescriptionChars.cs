using System.Buffers;

namespace Registry.Protocol.Errors;

/// <summary>The characters RFC 6749 §5.2 allows in error_description: %x20-21 / %x23-5B / %x5D-7E.</summary>
internal static class DescriptionChars
{
    public static readonly SearchValues<char> Allowed = SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x7E - 0x20 + 1).Select(c => (char)c).Where(c => c is not '"' and not '\\')));
}
