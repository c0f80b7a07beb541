using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Grains.Abstractions;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// An introspection response (RFC 7662 §2.2): <c>{"active":false}</c> and nothing else for any token that is not
/// active here, so an inactive answer tells nothing about why; an active access token with its claims; an active
/// refresh token (only to the client it was issued to) with its grant.
/// </summary>
internal sealed record IntrospectionResponse
{
    public static readonly IntrospectionResponse Inactive = new();

    /// <summary>The validated access token, when active.</summary>
    public JsonWebToken? AccessToken { get; init; }

    /// <summary>The grant of an active refresh token (with the issuer it is valid at).</summary>
    public (AuthorizationGrant Grant, string Issuer)? RefreshToken { get; init; }

    public static void Write(Utf8JsonWriter w, IntrospectionResponse response)
    {
        w.WriteStartObject();
        if (response.AccessToken is { } jwt)
        {
            w.WriteBoolean("active", true);
            WriteAccessToken(w, jwt);
        }
        else if (response.RefreshToken is var (grant, issuer))
        {
            w.WriteBoolean("active", true);
            w.WriteString("scope", grant.Scope);
            w.WriteString("client_id", grant.ClientId);
            w.WriteString("sub", grant.Subject);
            w.WriteString("iss", issuer);
            w.WriteNumber("auth_time", grant.AuthTime.ToUnixTimeSeconds());
            w.WriteString("idp", grant.IdentityProvider);
        }
        else
        {
            w.WriteBoolean("active", false);
        }

        w.WriteEndObject();
    }

    private static void WriteAccessToken(Utf8JsonWriter w, JsonWebToken jwt)
    {
        w.WriteString("scope", jwt.TryGetPayloadValue<string>("scope", out var scope) ? scope : "");
        w.WriteString("client_id", jwt.GetPayloadValue<string>("client_id"));
        w.WriteString("token_type", "Bearer");
        foreach (var time in (ReadOnlySpan<string>)[JwtRegisteredClaimNames.Exp, JwtRegisteredClaimNames.Iat, JwtRegisteredClaimNames.Nbf, JwtRegisteredClaimNames.AuthTime])
        {
            if (jwt.TryGetPayloadValue<long>(time, out var seconds))
            {
                w.WriteNumber(time, seconds);
            }
        }

        w.WriteString("sub", jwt.Subject);
        string[] audiences = [.. jwt.Audiences];
        if (audiences.Length == 1)
        {
            w.WriteString("aud", audiences[0]);
        }
        else if (audiences.Length > 1)
        {
            w.WriteStartArray("aud");
            foreach (var audience in audiences)
            {
                w.WriteStringValue(audience);
            }

            w.WriteEndArray();
        }

        w.WriteString("iss", jwt.Issuer);
        w.WriteString("jti", jwt.Id);
        if (jwt.TryGetPayloadValue<string>("idp", out var idp))
        {
            w.WriteString("idp", idp);
        }
    }
}
