using System.Text.Json;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Endpoints;

/// <summary>A successful token response (RFC 6749 §5.1).</summary>
internal sealed record IssuedToken(string AccessToken, TokenGrant Grant)
{
    public static void Write(Utf8JsonWriter w, IssuedToken token)
    {
        w.WriteStartObject();
        w.WriteString("access_token", token.AccessToken);
        w.WriteString("token_type", "Bearer");
        w.WriteNumber("expires_in", token.Grant.LifetimeSeconds);
        w.WriteString("scope", token.Grant.Scope);
        w.WriteEndObject();
    }
}
