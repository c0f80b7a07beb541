using Registry.Protocol.Errors;

namespace Registry.Protocol.Tokens;

/// <summary>
/// Parses the form body of an introspection (RFC 7662 §2.1) or revocation (RFC 7009 §2.1) request: token (required),
/// token_type_hint (optional; an unknown hint is ignored, as RFC 7009 §2.1 lets the server extend its search) and
/// the client authentication of the token endpoint (RFC 6749 §2.3.1), a public client's client_id alone included, so
/// the endpoint decides whether public clients may call it.
/// </summary>
public static class TokenHandlingRequestParser
{
    /// <summary>Tokens longer than this are not Registry's (its JWTs stay far below): refused as unknown, not parsed.</summary>
    public const int MaxTokenLength = 4096;

    public static Outcome<TokenHandlingRequest> Parse(IReadOnlyList<KeyValuePair<string, string>> form, string? authorization)
    {
        var parameters = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!parameters.TryAdd(name, value))
            {
                return OAuthError.InvalidRequest(ErrorIds.TokenParameterRepeated, $"the parameter {name} is repeated (RFC 6749 section 3.2)");
            }
        }

        var credentials = TokenRequestParser.ReadCredentials(parameters, authorization, publicAllowed: true);
        if (!credentials.IsSuccess)
        {
            return credentials.Error;
        }

        if (!parameters.TryGetValue("token", out var token) || token.Length == 0)
        {
            return OAuthError.InvalidRequest(ErrorIds.TokenHandlingTokenMissing, "token is required");
        }

        var hint = parameters.TryGetValue("token_type_hint", out var h) && h.Length > 0 ? h : null;
        var (clientId, secret, method) = credentials.Value;
        return new TokenHandlingRequest(token, hint, clientId, secret, method);
    }
}
