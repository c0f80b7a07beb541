using System.Globalization;
using System.Text.Json;
using Registry.Protocol.Metadata;
using F = Registry.Protocol.Metadata.MetadataFields;

namespace Registry.Protocol.Json;

/// <summary>
/// Writes the client information response: every member of the product specification's example response, in its order and
/// with its JSON types, then the RFC 7591 members the example lacks. Optional URLs appear only when set.
/// </summary>
public static class ClientInformationWriter
{
    public static void Write(Utf8JsonWriter w, ClientInformation info, string registrationClientUri)
    {
        w.WriteStartObject();
        WriteMembers(w, info, registrationClientUri);
        w.WriteEndObject();
    }

    /// <summary>
    /// The members of the client information, without the surrounding object (an administrative view adds its own
    /// members); without <paramref name="registrationClientUri"/>, the RFC 7592 members (registration access token
    /// and URI) are left out.
    /// </summary>
    public static void WriteMembers(Utf8JsonWriter w, ClientInformation info, string? registrationClientUri)
    {
        var m = info.Metadata;
        w.WriteString(F.ClientId, info.ClientId);
        if (!string.IsNullOrEmpty(info.ClientSecret))
        {
            w.WriteString(F.ClientSecret, info.ClientSecret);
        }

        if (registrationClientUri is not null)
        {
            w.WriteString(F.RegistrationAccessToken, info.RegistrationAccessToken);
        }

        w.WriteStringArray(F.GrantTypes, m.GrantTypes);
        w.WriteStringArray(F.RedirectUris, m.RedirectUris);
        w.WriteString(F.TokenEndpointAuthMethod, m.TokenEndpointAuthMethod);
        w.WriteStringArray(F.ResponseTypes, m.ResponseTypes);
        w.WriteStringArray(F.Contacts, m.Contacts);
        w.WriteString(F.UpdateDatetime, Timestamp(info.UpdatedAt));
        w.WriteString(F.CreateDatetime, Timestamp(info.CreatedAt));
        w.WriteNumber(F.ClientIdIssuedAt, info.ClientIdIssuedAt);
        w.WriteNumber(F.TokenExpirationTimeSeconds, m.TokenExpirationTimeSeconds);
        w.WriteNumber(F.RefreshTokenExpirationTimeSeconds, m.RefreshTokenExpirationTimeSeconds);
        w.WriteString(F.Scope, m.Scope);
        if (m.Jwks is not null)
        {
            // RFC 7591 §2: jwks and jwks_uri are exclusive, so jwks is absent when jwks_uri is registered.
            w.WritePropertyName(F.Jwks);
            // Stryker disable once Boolean : the stored JWK Set was validated JSON when registered; re-checking it changes no output.
            w.WriteRawValue(m.Jwks, skipInputValidation: true);
        }

        w.WriteString(F.TokenSignedResponseAlg, m.TokenSignedResponseAlg);
        w.WriteString(F.TokenEncryptedResponseAlg, m.TokenEncryptedResponseAlg);
        w.WriteString(F.TokenEncryptedResponseEnc, m.TokenEncryptedResponseEnc);
        w.WriteStringArray(F.PostLogoutRedirectUris, m.PostLogoutRedirectUris);
        w.WriteString(F.PreferredTokenProfile, m.PreferredTokenProfile);
        w.WriteString(F.SubjectType, m.SubjectType);
        w.WriteString(F.IdTokenSignedResponseAlg, m.IdTokenSignedResponseAlg);
        w.WriteBoolean(F.BackchannelUserCodeParameter, m.BackchannelUserCodeParameter);
        w.WriteBoolean(F.FrontchannelLogoutSessionRequired, m.FrontchannelLogoutSessionRequired);
        w.WriteBoolean(F.BackchannelLogoutSessionRequired, m.BackchannelLogoutSessionRequired);
        w.WriteBoolean(F.TlsClientCertificateBoundAccessToken, m.TlsClientCertificateBoundAccessToken);
        w.WriteString(F.ApplicationType, m.ApplicationType);
        w.WriteBoolean(F.RequireAuthTime, m.RequireAuthTime);
        w.WriteString(F.AuthorizationSignedResponseAlg, m.AuthorizationSignedResponseAlg);
        w.WriteStringArray(F.AuthorizationDataTypes, m.AuthorizationDataTypes);
        w.WriteBoolean(F.IsConsentDisabled, m.IsConsentDisabled);
        w.WriteStringArray(F.DefaultAcrValues, m.DefaultAcrValues);
        if (registrationClientUri is not null)
        {
            w.WriteString(F.RegistrationClientUri, registrationClientUri);
        }

        if (m.TokenEndpointAuthMethod != AuthMethods.None)
        {
            // RFC 7591 §3.2.1: the expiry goes with a client secret; a public client (none) has none.
            w.WriteNumber(F.ClientSecretExpiresAt, info.ClientSecretExpiresAt);
        }

        Optional(w, F.ClientName, m.ClientName);
        Optional(w, F.ClientUri, m.ClientUri);
        Optional(w, F.LogoUri, m.LogoUri);
        Optional(w, F.TosUri, m.TosUri);
        Optional(w, F.PolicyUri, m.PolicyUri);
        Optional(w, F.JwksUri, m.JwksUri);
        Optional(w, F.SoftwareId, m.SoftwareId);
        Optional(w, F.SoftwareVersion, m.SoftwareVersion);
        foreach (var (name, value) in m.Localized)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>ISO 8601 in UTC with 7 fractional digits, as in the specification's example ("2023-06-12T19:24:24.0727511Z").</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);


    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
