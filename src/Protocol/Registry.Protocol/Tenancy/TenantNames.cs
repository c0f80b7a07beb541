using System.Buffers;

namespace Registry.Protocol.Tenancy;

/// <summary>Tenant names: 1-63 lowercase letters, digits and inner hyphens (a DNS label), so they are safe in paths and keys.</summary>
public static class TenantNames
{
    /// <summary>The tenant served at the root of the gateway.</summary>
    public const string Default = "default";

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 63
        && name.AsSpan().IndexOfAnyExcept(Allowed) < 0
        && name[0] != '-' && name[^1] != '-';
}
