using System.Reflection;
using Registry.Protocol.Errors;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>What every refusal must be, whatever the input: a standard code, a known id, a description RFC 6749 allows.</summary>
internal static class Refusals
{
    private static readonly HashSet<string> Codes = Constants(typeof(OAuthErrorCodes));

    private static readonly HashSet<string> Ids = Constants(typeof(ErrorIds));

    public static void AssertWellFormed(OAuthError error)
    {
        Assert.Contains(error.Code, Codes);
        Assert.Contains(error.Id, Ids);
        Assert.InRange(error.Description.Length, 1, 300);
        Assert.All(error.Description, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"U+{(int)c:X4} in '{error.Description}'"));
    }

    private static HashSet<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!)];
}
