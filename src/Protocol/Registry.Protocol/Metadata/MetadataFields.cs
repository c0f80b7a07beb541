namespace Registry.Protocol.Metadata;

/// <summary>JSON member names of client metadata (RFC 7591 §2, RFC 7592, OpenID Connect Registration, and the product specification's extensions).</summary>
public static class MetadataFields
{
    // Server-issued (RFC 7591 §3.2.1, RFC 7592 §3)
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string ClientIdIssuedAt = "client_id_issued_at";
    public const string ClientSecretExpiresAt = "client_secret_expires_at";
    public const string RegistrationAccessToken = "registration_access_token";
    public const string RegistrationClientUri = "registration_client_uri";
    public const string CreateDatetime = "create_datetime";
    public const string UpdateDatetime = "update_datetime";

    // RFC 7591 §2
    public const string RedirectUris = "redirect_uris";
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";
    public const string GrantTypes = "grant_types";
    public const string ResponseTypes = "response_types";
    public const string ClientName = "client_name";
    public const string ClientUri = "client_uri";
    public const string LogoUri = "logo_uri";
    public const string Scope = "scope";
    public const string Contacts = "contacts";
    public const string TosUri = "tos_uri";
    public const string PolicyUri = "policy_uri";
    public const string JwksUri = "jwks_uri";
    public const string Jwks = "jwks";
    public const string SoftwareId = "software_id";
    public const string SoftwareVersion = "software_version";
    public const string SoftwareStatement = "software_statement";

    // OpenID Connect Registration / Session / the product specification's server extensions
    public const string ApplicationType = "application_type";
    public const string SubjectType = "subject_type";
    public const string IdTokenSignedResponseAlg = "id_token_signed_response_alg";
    public const string PostLogoutRedirectUris = "post_logout_redirect_uris";
    public const string RequireAuthTime = "require_auth_time";
    public const string DefaultAcrValues = "default_acr_values";
    public const string FrontchannelLogoutSessionRequired = "frontchannel_logout_session_required";
    public const string BackchannelLogoutSessionRequired = "backchannel_logout_session_required";
    public const string BackchannelUserCodeParameter = "backchannel_user_code_parameter";
    public const string TlsClientCertificateBoundAccessToken = "tls_client_certificate_bound_access_token";
    public const string AuthorizationSignedResponseAlg = "authorization_signed_response_alg";
    public const string AuthorizationDataTypes = "authorization_data_types";
    public const string TokenSignedResponseAlg = "token_signed_response_alg";
    public const string TokenEncryptedResponseAlg = "token_encrypted_response_alg";
    public const string TokenEncryptedResponseEnc = "token_encrypted_response_enc";
    public const string TokenExpirationTimeSeconds = "token_expiration_time_seconds";
    public const string RefreshTokenExpirationTimeSeconds = "refresh_token_expiration_time_seconds";
    public const string PreferredTokenProfile = "preferred_token_profile";
    public const string IsConsentDisabled = "is_consent_disabled";

    // OpenID Connect Registration §2, validated when sent but not stored (storing them is a new stored-document version)
    public const string SectorIdentifierUri = "sector_identifier_uri";
    public const string InitiateLoginUri = "initiate_login_uri";

    /// <summary>Human-readable fields that may carry a BCP 47 language tag suffix (RFC 7591 §2.2).</summary>
    public static readonly IReadOnlyList<string> Localizable = [ClientName, ClientUri, LogoUri, TosUri, PolicyUri];

    /// <summary>Fields only the server sets that RFC 7592 §2.2 forbids in an update request.</summary>
    public static readonly IReadOnlyList<string> ServerManaged =
        [RegistrationAccessToken, RegistrationClientUri, ClientSecretExpiresAt, ClientIdIssuedAt];

    /// <summary>
    /// Read-only values the server returns that RFC 7592 §2.2 does not forbid: a client that reads its
    /// registration, changes a member and sends the rest back unchanged may echo them, and they are ignored.
    /// </summary>
    public static readonly IReadOnlyList<string> ServerTimestamps = [CreateDatetime, UpdateDatetime];
}
