using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Admin;

/// <summary>
/// Checks an operator's <see cref="UpstreamRequest"/>: an https issuer (http for a loopback host only, for local
/// development) without query or fragment, a client id, a secret (required unless a replacement keeps the stored one),
/// and scope tokens that include openid.
/// </summary>
internal static class UpstreamDefinitions
{
    private const int MaxScopes = 20;

    /// <summary>The problem with <paramref name="request"/>, or null with the definition in <paramref name="upstream"/> (null when none was given).</summary>
    public static OAuthError? Check(UpstreamRequest? request, bool replacing, out UpstreamDefinition? upstream)
    {
        upstream = null;
        if (request is null)
        {
            return null;
        }

        if (request.Issuer is not { Length: > 0 and <= 2048 } issuer || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return AdminJson.Invalid("upstream.issuer must be the provider's https issuer URL, without query or fragment (http only for a loopback host)");
        }

        if (request.ClientId is not { Length: > 0 and <= 255 } clientId || clientId.Any(char.IsControl))
        {
            return AdminJson.Invalid("upstream.client_id must be 1-255 characters without control characters");
        }

        var secret = request.ClientSecret ?? "";
        if (secret.Length > 1024 || secret.Any(char.IsControl) || (secret.Length == 0 && !replacing))
        {
            return AdminJson.Invalid("upstream.client_secret must be 1-1024 characters without control characters (a replacement may omit it to keep the stored one)");
        }

        var scopes = request.Scopes ?? ["openid"];
        if (scopes.Length > MaxScopes || scopes.Any(s => !ScopeSyntax.IsScopeToken(s)) || !scopes.Contains("openid", StringComparer.Ordinal))
        {
            return AdminJson.Invalid($"upstream.scopes must be at most {MaxScopes} scope tokens including openid");
        }

        upstream = new UpstreamDefinition(issuer.TrimEnd('/'), clientId, secret, [.. scopes.Distinct(StringComparer.Ordinal)]);
        return null;
    }

    public static UpstreamResponse? ToResponse(UpstreamDefinition? upstream) =>
        upstream is null ? null : new UpstreamResponse(upstream.Issuer, upstream.ClientId, upstream.Scopes);
}
