using Registry.Grains.Abstractions;

namespace Registry.Grains.Authorization;

/// <summary>Comparisons of <see cref="AuthorizationGrant"/>s (its record equality compares the resource array by reference).</summary>
internal static class AuthorizationGrants
{
    /// <summary>Whether both grants say the same, member by member (ordinal; resources in order).</summary>
    public static bool Same(AuthorizationGrant a, AuthorizationGrant b) =>
        string.Equals(a.ClientId, b.ClientId, StringComparison.Ordinal)
        && string.Equals(a.RedirectUri, b.RedirectUri, StringComparison.Ordinal)
        && string.Equals(a.CodeChallenge, b.CodeChallenge, StringComparison.Ordinal)
        && string.Equals(a.Scope, b.Scope, StringComparison.Ordinal)
        && a.Resources.SequenceEqual(b.Resources, StringComparer.Ordinal)
        && string.Equals(a.Subject, b.Subject, StringComparison.Ordinal)
        && string.Equals(a.IdentityProvider, b.IdentityProvider, StringComparison.Ordinal)
        && a.AuthTime == b.AuthTime;
}
