using System.Buffers.Text;
using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tokens;

/// <summary>
/// Parses a token request (RFC 6749 §3.2; §4.1.3 authorization_code, §4.4.2 client_credentials, §6 refresh_token) and
/// its client authentication (§2.3.1; public clients of the code and refresh grants send client_id alone).
/// </summary>
public static class TokenRequestParser
{
    private const int MaxCredentialLength = 512;

    public static Outcome<TokenRequest> Parse(IReadOnlyList<KeyValuePair<string, string>> form, string? authorization)
    {
        // RFC 6749 §3.2: parameters sent without a value are treated as omitted; none may repeat.
        var parameters = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        List<string>? resources = null;
        foreach (var (name, value) in form)
        {
            // RFC 8707 §2: resource may repeat (one per audience).
            if (name == "resource")
            {
                if (value.Length > 0)
                {
                    (resources ??= []).Add(value);
                }

                continue;
            }

            if (!parameters.TryAdd(name, value))
            {
                return OAuthError.InvalidRequest(ErrorIds.TokenParameterRepeated, $"the parameter {name} is repeated (RFC 6749 section 3.2)");
            }
        }

        var grantType = Get(parameters, "grant_type");
        if (grantType is null)
        {
            return OAuthError.InvalidRequest(ErrorIds.TokenGrantTypeMissing, "grant_type is required");
        }

        if (grantType is not (GrantTypes.ClientCredentials or GrantTypes.AuthorizationCode or GrantTypes.RefreshToken))
        {
            return OAuthError.UnsupportedGrantType(ErrorIds.TokenGrantTypeUnsupported,
                $"grant_type '{grantType}' is not supported; supported: authorization_code, refresh_token, client_credentials");
        }

        var credentials = ReadCredentials(parameters, authorization, publicAllowed: grantType != GrantTypes.ClientCredentials);
        if (!credentials.IsSuccess)
        {
            return credentials.Error;
        }

        var scope = Get(parameters, "scope");
        IReadOnlyList<string>? requested = null;
        if (scope is not null && !ScopeSyntax.TryParse(scope, out requested, out var invalid))
        {
            return OAuthError.InvalidScope(ErrorIds.TokenScopeSyntax, $"scope contains the invalid scope token '{invalid}'");
        }

        var (clientId, secret, method) = credentials.Value;
        var request = new TokenRequest(grantType, clientId, secret, method, requested is { Count: > 0 } ? requested : null)
        {
            Resources = resources ?? (IReadOnlyList<string>)[],
        };
        return grantType switch
        {
            GrantTypes.AuthorizationCode => CodeGrant(request, parameters),
            GrantTypes.RefreshToken => Get(parameters, "refresh_token") is { } refresh
                ? request with { RefreshToken = refresh }
                : OAuthError.InvalidRequest(ErrorIds.TokenRefreshTokenMissing, "refresh_token is required"),
            _ => request,
        };
    }

    /// <summary>RFC 6749 §4.1.3 with RFC 7636 §4.5: code, redirect_uri (Registry always sends one to the client, so it is required) and code_verifier.</summary>
    private static Outcome<TokenRequest> CodeGrant(TokenRequest request, Dictionary<string, string> parameters)
    {
        if (Get(parameters, "code") is not { } code)
        {
            return OAuthError.InvalidRequest(ErrorIds.TokenCodeMissing, "code is required");
        }

        if (Get(parameters, "code_verifier") is not { } verifier)
        {
            return OAuthError.InvalidRequest(ErrorIds.TokenCodeVerifierMissing, "code_verifier is required (PKCE, RFC 7636)");
        }

        return Get(parameters, "redirect_uri") is { } redirect
            ? request with { Code = code, CodeVerifier = verifier, RedirectUri = redirect }
            : OAuthError.InvalidRequest(ErrorIds.TokenRedirectUriMissing, "redirect_uri is required: the one of the authorization request");
    }

    /// <summary>RFC 6749 §2.3.1 client authentication from the form and the Authorization header (shared with <see cref="TokenHandlingRequestParser"/>).</summary>
    internal static Outcome<Credentials> ReadCredentials(Dictionary<string, string> parameters, string? authorization, bool publicAllowed)
    {
        var formId = Get(parameters, "client_id");
        var formSecret = Get(parameters, "client_secret");
        if (!string.IsNullOrEmpty(authorization))
        {
            if (formSecret is not null)
            {
                return OAuthError.InvalidRequest(ErrorIds.ClientAuthMultipleMethods, "use one client authentication method: Basic or client_secret in the body, not both (RFC 6749 section 2.3)");
            }

            var basic = ParseBasic(authorization);
            if (basic.IsSuccess && formId is not null && formId != basic.Value.ClientId)
            {
                return OAuthError.InvalidRequest(ErrorIds.ClientAuthClientIdMismatch, "client_id in the body does not match the Basic credentials");
            }

            return basic;
        }

        if (publicAllowed && formId is not null && formSecret is null)
        {
            return formId.Length > MaxCredentialLength ? ClientAuthentication.Failed : new Credentials(formId, "", ClientAuthMethod.None);
        }

        if (formId is null || formSecret is null)
        {
            return OAuthError.InvalidClient(ErrorIds.ClientAuthMissing, "client authentication is required: client_secret_basic or client_secret_post");
        }

        return formId.Length > MaxCredentialLength || formSecret.Length > MaxCredentialLength
            ? ClientAuthentication.Failed
            : new Credentials(formId, formSecret, ClientAuthMethod.ClientSecretPost);
    }

    /// <summary>RFC 6749 §2.3.1 / RFC 7617: base64(urlencode(id) ":" urlencode(secret)).</summary>
    private static Outcome<Credentials> ParseBasic(string authorization)
    {
        const string Prefix = "Basic ";
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError.InvalidClient(ErrorIds.ClientAuthUnsupportedScheme, "unsupported client authentication scheme; use Basic or client_secret_post");
        }

        var encoded = authorization.AsSpan(Prefix.Length).Trim();
        if (encoded.Length > 4 * MaxCredentialLength)
        {
            return ClientAuthentication.Failed;
        }

        // Text that is not base64 decodes to nothing, which has no colon: malformed below.
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        _ = Convert.TryFromBase64Chars(encoded, buffer, out var written);
        var bytes = buffer.AsSpan(0, written);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return MalformedBasic;
        }

        var decoded = Encoding.UTF8.GetString(bytes);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return MalformedBasic;
        }

        var clientId = FormBody.Decode(decoded[..colon]);
        var secret = FormBody.Decode(decoded[(colon + 1)..]);
        return secret.Length == 0
            ? ClientAuthentication.Failed
            : new Credentials(clientId, secret, ClientAuthMethod.ClientSecretBasic);
    }

    private static OAuthError MalformedBasic => OAuthError.InvalidClient(ErrorIds.ClientAuthMalformedBasic, "malformed Basic credentials");

    private static string? Get(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    internal sealed record Credentials(string ClientId, string Secret, ClientAuthMethod Method);
}
