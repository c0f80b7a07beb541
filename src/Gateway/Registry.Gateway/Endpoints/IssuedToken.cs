using System.Text.Json;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>A successful token response (RFC 6749 §5.1), with a refresh token when one is issued (§6: rotated on every use).</summary>
internal sealed record IssuedToken(string AccessToken, TokenGrant Grant)
{
    public string? RefreshToken { get; init; }

    public static void Write(Utf8JsonWriter w, IssuedToken token)
    {
        w.WriteStartObject();
        w.WriteString("access_token", token.AccessToken);
        w.WriteString("token_type", "Bearer");
        w.WriteNumber("expires_in", token.Grant.LifetimeSeconds);
        w.WriteString("scope", token.Grant.Scope);
        if (token.RefreshToken is { } refresh)
        {
            w.WriteString("refresh_token", refresh);
        }

        w.WriteEndObject();
    }
}
