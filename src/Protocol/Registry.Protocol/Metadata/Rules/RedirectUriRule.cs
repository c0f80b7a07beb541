using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// redirect_uris and post_logout_redirect_uris: absolute, no fragment (RFC 6749 §3.1.2), no userinfo
/// ("https://trusted.example@evil.example/" goes to evil.example; RFC 3986 §7.6), https for web clients except
/// loopback, and for native clients also private-use schemes with a period (RFC 8252 §7).
/// redirect_uris is required when a redirect-based grant is registered (RFC 7591 §2).
/// </summary>
internal sealed class RedirectUriRule(string field, Func<ClientMetadataRequest, IReadOnlyList<string>?> select, bool requiredForRedirectGrants)
    : IClientMetadataRule
{
    public static readonly RedirectUriRule RedirectUris = new(MetadataFields.RedirectUris, r => r.RedirectUris, true);

    public static readonly RedirectUriRule PostLogoutRedirectUris = new(MetadataFields.PostLogoutRedirectUris, r => r.PostLogoutRedirectUris, false);

    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        var uris = select(request) ?? [];
        if (requiredForRedirectGrants && uris.Count == 0)
        {
            var grants = request.GrantTypes ?? policy.EffectiveDefaultGrantTypes;
            var redirectGrant = grants.FirstOrDefault(GrantTypes.UsesRedirect);
            return redirectGrant is null ? null : Invalid(ErrorIds.RedirectUriRequired, $"{field} is required for the {redirectGrant} grant type");
        }

        var native = request.ApplicationType == ApplicationTypes.Native;
        for (var i = 0; i < uris.Count; i++)
        {
            if (CheckOne(uris[i], native) is ({ } id, { } problem))
            {
                return Invalid(id, $"{field}[{i}] '{uris[i]}' {problem}");
            }
        }

        return null;
    }

    private static (string Id, string Problem)? CheckOne(string value, bool native)
    {
        if (!UriChecks.TryParseAbsolute(value, out var uri))
        {
            return (ErrorIds.RedirectUriNotAbsolute, "is not an absolute URI");
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return (ErrorIds.RedirectUriFragment, "must not contain a fragment");
        }

        if (UriChecks.IsDangerous(uri))
        {
            return (ErrorIds.RedirectUriForbiddenScheme, $"uses the forbidden scheme {uri.Scheme}");
        }

        if (UriChecks.HasUserInfo(value))
        {
            return (ErrorIds.RedirectUriUserinfo, "must not contain userinfo (user@ or user:password@ before the host)");
        }

        // .NET's parser gives every http(s) URI a host, so none of these is host-less.
        if (UriChecks.IsHttps(uri) || UriChecks.IsHttp(uri) && UriChecks.IsLoopback(uri))
        {
            return null;
        }

        if (UriChecks.IsHttp(uri))
        {
            return (ErrorIds.RedirectUriNotHttps, "must use https (http is allowed only for the loopback interface, RFC 8252 section 7.3)");
        }

        // A private-use URI scheme: native apps only, in reverse-domain form (RFC 8252 §7.1, §8.4).
        if (!native)
        {
            return (ErrorIds.RedirectUriPrivateSchemeNotNative, "must use https; private-use URI schemes are for native clients (application_type native)");
        }

        return uri.Scheme.Contains('.', StringComparison.Ordinal)
            ? null
            : (ErrorIds.RedirectUriPrivateSchemeFormat, "uses a private-use scheme without a period; use reverse domain name notation (RFC 8252 section 7.1)");
    }

    private static OAuthError Invalid(string id, string description) => OAuthError.InvalidRedirectUri(id, description);
}
