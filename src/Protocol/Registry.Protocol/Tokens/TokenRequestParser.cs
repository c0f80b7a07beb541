using System.Buffers.Text;
using System.Text;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tokens;

/// <summary>Parses a token request (RFC 6749 §3.2, §4.4.2) and its client authentication (§2.3.1).</summary>
public static class TokenRequestParser
{
    private const int MaxCredentialLength = 512;

    public static Outcome<TokenRequest> Parse(IReadOnlyList<KeyValuePair<string, string>> form, string? authorization)
    {
        // RFC 6749 §3.2: parameters sent without a value are treated as omitted; none may repeat.
        var parameters = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
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

        if (grantType != GrantTypes.ClientCredentials)
        {
            return OAuthError.UnsupportedGrantType(ErrorIds.TokenGrantTypeUnsupported,
                $"grant_type '{grantType}' is not supported; this server issues tokens for client_credentials");
        }

        var credentials = ReadCredentials(parameters, authorization);
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
        return new TokenRequest(grantType, clientId, secret, method, requested is { Count: > 0 } ? requested : null);
    }

    private static Outcome<Credentials> ReadCredentials(Dictionary<string, string> parameters, string? authorization)
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

    private sealed record Credentials(string ClientId, string Secret, ClientAuthMethod Method);
}
