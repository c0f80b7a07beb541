namespace Registry.Protocol.Errors;

/// <summary>
/// Stable ids of every reason Registry refuses a request, "area.reason". The OAuth error code says what
/// kind of failure it is (and, to a client, what to do); the id says which rule it was. Ids appear in the
/// audit log (error_id) and on request spans (oauth.error_id), never in the response body, and they are a
/// contract: dashboards and alerts may count them, so an id is never renamed or reused for another reason.
/// </summary>
public static class ErrorIds
{
    // The HTTP request itself (any endpoint).
    public const string RequestMalformed = "request.malformed";
    public const string RequestBodyTooLarge = "request.body_too_large";
    public const string RequestMediaType = "request.media_type";
    public const string RequestBodyUnreadable = "request.body_unreadable";
    public const string RequestBodyTooSlow = "request.body_too_slow";
    public const string RequestNotUtf8 = "request.not_utf8";
    public const string RequestMethodNotAllowed = "request.method_not_allowed";
    public const string RequestNotFound = "request.not_found";
    public const string RequestHostNotAllowed = "request.host_not_allowed";
    public const string TenantUnknown = "tenant.unknown";

    // The server.
    public const string ServerInternal = "server.internal";
    public const string ClusterUnavailable = "cluster.unavailable";
    public const string ClientIdUnavailable = "register.client_id_unavailable";

    // Registration bodies as JSON (RFC 7591 §3.1).
    public const string MetadataNotUtf8 = "metadata.not_utf8";
    public const string MetadataNotJson = "metadata.not_json";
    public const string MetadataInvalidUnicode = "metadata.invalid_unicode";
    public const string MetadataNotAnObject = "metadata.not_an_object";
    public const string MetadataDuplicateMember = "metadata.duplicate_member";
    public const string MetadataWrongType = "metadata.wrong_type";
    public const string MetadataTooManyItems = "metadata.too_many_items";
    public const string MetadataTooLong = "metadata.too_long";
    public const string MetadataControlCharacter = "metadata.control_character";
    public const string MetadataTooManyLocalized = "metadata.too_many_localized";
    public const string JwksMalformed = "jwks.malformed";
    public const string JwksTooLarge = "jwks.too_large";

    // Client metadata rules (RFC 7591 §2, RFC 8252, OpenID Connect Registration).
    public const string GrantTypesEmpty = "grant_types.empty";
    public const string GrantTypeUnsupported = "grant_types.unsupported";
    public const string ResponseTypeUnsupported = "response_types.unsupported";
    public const string GrantResponseMismatch = "grant_response.mismatch";
    public const string RedirectUriRequired = "redirect_uri.required";
    public const string RedirectUriNotAbsolute = "redirect_uri.not_absolute";
    public const string RedirectUriFragment = "redirect_uri.fragment";
    public const string RedirectUriForbiddenScheme = "redirect_uri.forbidden_scheme";
    public const string RedirectUriNotHttps = "redirect_uri.not_https";
    public const string RedirectUriPrivateSchemeNotNative = "redirect_uri.private_scheme_not_native";
    public const string RedirectUriPrivateSchemeFormat = "redirect_uri.private_scheme_format";
    public const string AuthMethodUnsupported = "token_endpoint_auth_method.unsupported";
    public const string ScopeSyntax = "scope.syntax";
    public const string ScopeReserved = "scope.reserved";
    public const string ScopeNotAllowed = "scope.not_allowed";
    public const string JwksWithJwksUri = "jwks.with_jwks_uri";
    public const string JwksUriNotHttps = "jwks_uri.not_https";
    public const string JwksTooManyKeys = "jwks.too_many_keys";
    public const string JwksSymmetricKey = "jwks.symmetric_key";
    public const string JwksPrivateKey = "jwks.private_key";
    public const string JwksUnsupportedKeyType = "jwks.unsupported_kty";
    public const string JwksUnsupportedCurve = "jwks.unsupported_curve";
    public const string JwksInvalidKey = "jwks.invalid_key";
    public const string JwksWeakKey = "jwks.weak_key";
    public const string JwksKidInvalid = "jwks.kid_invalid";
    public const string JwksKidDuplicate = "jwks.kid_duplicate";
    public const string RedirectUriUserinfo = "redirect_uri.userinfo";
    public const string TextFormatCharacter = "text.format_character";
    public const string WebUrlInvalid = "web_url.invalid";
    public const string WebUrlNotHttps = "web_url.not_https";
    public const string UrlLocalHost = "url.local_host";
    public const string ApplicationTypeUnsupported = "application_type.unsupported";
    public const string SubjectTypeUnsupported = "subject_type.unsupported";
    public const string TokenProfileUnsupported = "preferred_token_profile.unsupported";
    public const string SigningAlgUnsupported = "signing_alg.unsupported";
    public const string EncryptionAlgDeprecated = "encryption_alg.deprecated";
    public const string EncryptionAlgUnsupported = "encryption_alg.unsupported";
    public const string EncryptionEncWithoutAlg = "encryption_enc.without_alg";
    public const string EncryptionEncUnsupported = "encryption_enc.unsupported";
    public const string TokenLifetimeOutOfBounds = "token_lifetime.out_of_bounds";
    public const string RefreshTokenLifetimeOutOfBounds = "refresh_token_lifetime.out_of_bounds";
    public const string CertificateBoundTokensUnsupported = "tls_client_certificate_bound_access_token.unsupported";
    public const string SoftwareStatementMalformed = "software_statement.malformed";
    public const string SoftwareStatementUnapproved = "software_statement.unapproved";

    // The tenant's registration policy (RFC 7591 §3.1: the server may refuse or replace requested values).
    public const string PolicyGrantTypeNotAllowed = "policy.grant_type_not_allowed";
    public const string PolicyResponseTypeNotAllowed = "policy.response_type_not_allowed";
    public const string PolicyAuthMethodNotAllowed = "policy.auth_method_not_allowed";
    public const string PolicyRedirectHostNotAllowed = "policy.redirect_host_not_allowed";

    /// <summary>A policy an operator gave (configuration, admin API) is inconsistent or names unknown values.</summary>
    public const string PolicyInvalid = "policy.invalid";

    // RFC 7592 §2.2 updates.
    public const string UpdateClientIdMissing = "update.client_id_missing";
    public const string UpdateClientIdMismatch = "update.client_id_mismatch";
    public const string UpdateServerManagedMember = "update.server_managed_member";
    public const string UpdateClientSecretMismatch = "update.client_secret_mismatch";

    // The token endpoint (RFC 6749 §3.2, §4.4) and client authentication (§2.3.1).
    public const string TokenParameterRepeated = "token.parameter_repeated";
    public const string TokenGrantTypeMissing = "token.grant_type_missing";
    public const string TokenGrantTypeUnsupported = "token.grant_type_unsupported";
    public const string TokenScopeSyntax = "token.scope_syntax";
    public const string TokenGrantNotRegistered = "token.grant_not_registered";
    public const string TokenScopeNotRegistered = "token.scope_not_registered";
    public const string ClientAuthMissing = "client_auth.missing";
    public const string ClientAuthMultipleMethods = "client_auth.multiple_methods";
    public const string ClientAuthClientIdMismatch = "client_auth.client_id_mismatch";
    public const string ClientAuthUnsupportedScheme = "client_auth.unsupported_scheme";
    public const string ClientAuthMalformedBasic = "client_auth.malformed_basic";
    public const string ClientAuthFailed = "client_auth.failed";

    // The authorization_code and refresh_token grants (RFC 6749 §4.1.3, §6; RFC 7636 §4.5; RFC 8707 §2.2).
    public const string TokenCodeMissing = "token.code_missing";
    public const string TokenCodeVerifierMissing = "token.code_verifier_missing";
    public const string TokenRedirectUriMissing = "token.redirect_uri_missing";
    public const string TokenCodeInvalid = "token.code_invalid";
    public const string TokenCodeReused = "token.code_reused";
    public const string TokenRefreshTokenMissing = "token.refresh_token_missing";
    public const string TokenRefreshInvalid = "token.refresh_token_invalid";
    public const string TokenRefreshReplayed = "token.refresh_token_replayed";
    public const string TokenScopeNotGranted = "token.scope_not_granted";
    public const string TokenResourceNotGranted = "token.resource_not_granted";
    public const string ClientAuthPublicNotAllowed = "client_auth.public_not_allowed";

    // Lifecycle — client secrets and today's policy: a registered scope the tenant no longer allows at the token
    // endpoint; an operator's secret rotation asked for a public client (it has no secret).
    public const string TokenScopeNotAllowed = "token.scope_not_allowed";
    public const string AdminClientPublic = "admin.client_public";

    // The authorization endpoint (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707 §2), sign-in and consent.
    public const string AuthorizeClientInvalid = "authorize.client_invalid";
    public const string AuthorizeRedirectUriInvalid = "authorize.redirect_uri_invalid";
    public const string AuthorizeParameterRepeated = "authorize.parameter_repeated";
    public const string AuthorizeStateTooLong = "authorize.state_too_long";
    public const string AuthorizeResponseTypeUnsupported = "authorize.response_type_unsupported";
    public const string AuthorizeGrantNotRegistered = "authorize.grant_not_registered";
    public const string AuthorizePkceMissing = "authorize.pkce_missing";
    public const string AuthorizePkceMethodUnsupported = "authorize.pkce_method_unsupported";
    public const string AuthorizePkceChallengeInvalid = "authorize.pkce_challenge_invalid";
    public const string AuthorizeScopeSyntax = "authorize.scope_syntax";
    public const string AuthorizeScopeNotRegistered = "authorize.scope_not_registered";
    public const string AuthorizePromptUnsupported = "authorize.prompt_unsupported";
    public const string AuthorizeLoginRequired = "authorize.login_required";
    public const string AuthorizeConsentRequired = "authorize.consent_required";
    public const string AuthorizeSignInUnavailable = "authorize.sign_in_unavailable";
    public const string AuthorizeTransactionInvalid = "authorize.transaction_invalid";
    public const string AuthorizeUpstreamError = "authorize.upstream_error";
    public const string AuthorizeUpstreamFailed = "authorize.upstream_failed";
    public const string AuthorizeCsrfInvalid = "authorize.csrf_invalid";
    public const string AuthorizeAccessDenied = "authorize.access_denied";
    public const string ResourceInvalid = "resource.invalid";
    public const string ResourceNotAllowed = "resource.not_allowed";

    // Open registration (RFC 7591 §3 without an initial access token): only what is safe for anyone to register.
    public const string OpenRegistrationRedirectUriUnsafe = "open_registration.redirect_uri_unsafe";
    public const string OpenRegistrationNoRedirectUri = "open_registration.no_redirect_uri";
    public const string OpenRegistrationClientCredentials = "open_registration.client_credentials";

    // Bearer tokens at the registration endpoints (RFC 6750, RFC 7591 §3, RFC 7592 §3).
    public const string BearerMissing = "bearer.missing";
    public const string BearerInvalid = "bearer.invalid";
    public const string BearerInsufficientScope = "bearer.insufficient_scope";
    public const string RegistrationTokenInvalid = "registration_token.invalid";

    // Initial access tokens at /register (RFC 7591 §3) and the tenant's registration mode.
    public const string InitialAccessTokenInvalid = "initial_access_token.invalid";
    public const string RegistrationModeUnsupported = "registration_mode.unsupported";

    // The admin API: the operator's token, its bearer token, and the resources it manages.
    public const string AdminDisabled = "admin.disabled";
    public const string AdminBearerMissing = "admin.bearer_missing";
    public const string AdminBearerInvalid = "admin.bearer_invalid";
    public const string AdminInsufficientScope = "admin.insufficient_scope";
    public const string AdminBodyInvalid = "admin.body_invalid";
    public const string AdminParameterInvalid = "admin.parameter_invalid";
    public const string AdminTenantNotFound = "admin.tenant_not_found";
    public const string AdminTenantExists = "admin.tenant_exists";
    public const string AdminTenantConfigured = "admin.tenant_configured";
    public const string AdminTenantLimit = "admin.tenant_limit";
    public const string AdminClientNotFound = "admin.client_not_found";
    public const string AdminTokenNotFound = "admin.initial_access_token_not_found";
    public const string AdminTokenLimit = "admin.initial_access_token_limit";
    public const string AdminConsentNotFound = "admin.consent_not_found";
    public const string AdminModeMismatch = "admin.registration_mode_mismatch";

    // Limits against abuse (answered 429 with Retry-After), and the tenant's client quota.
    public const string ThrottleClientBackoff = "throttle.client_backoff";
    public const string ThrottleAddressBackoff = "throttle.address_backoff";
    public const string ThrottleRegistrationRate = "throttle.registration_rate";
    public const string ThrottleTokenRate = "throttle.token_rate";
    public const string QuotaMaxClients = "quota.max_clients";

    // Introspection (RFC 7662) and revocation (RFC 7009).
    public const string TokenHandlingTokenMissing = "token_handling.token_missing";
    public const string IntrospectionPublicClient = "introspection.public_client";
    public const string RevocationNotOwner = "revocation.not_owner";

    /// <summary>True for the ids of limits and quotas (counted as throttling decisions, audited in aggregate).</summary>
    public static bool IsLimit(string id) =>
        id.StartsWith("throttle.", StringComparison.Ordinal) || id.StartsWith("quota.", StringComparison.Ordinal);
}
