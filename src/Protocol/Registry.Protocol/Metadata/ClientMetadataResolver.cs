using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>
/// Validated metadata as sent, resolved into what the client is registered with: omitted members take the
/// server's (or the tenant's) defaults (RFC 7591 §2; RFC 7592 §2.2 treats an omitted member as deleted). Defaults of
/// grant types, response types and the auth method are those within the tenant's allowed lists
/// (<see cref="RegistrationPolicy.EffectiveDefaultGrantTypes"/>, <see cref="RegistrationPolicy.EffectiveDefaultResponseTypes"/>,
/// <see cref="RegistrationPolicy.EffectiveDefaultAuthMethod"/>): a default the tenant does not allow is narrowed, never refused.
/// </summary>
internal static class ClientMetadataResolver
{
    private const string EmptyJwks = """{"keys":[]}""";

    public static ClientMetadata Resolve(ClientMetadataRequest r, RegistrationPolicy policy)
    {
        // The scope rule (and, for the tenant's default scope, policy validation) already checked the syntax.
        _ = ScopeSyntax.TryParse(r.Scope ?? policy.DefaultScope, out var scopes, out _);
        return new ClientMetadata
        {
            RedirectUris = r.RedirectUris ?? [],
            TokenEndpointAuthMethod = r.TokenEndpointAuthMethod ?? policy.EffectiveDefaultAuthMethod,
            GrantTypes = Distinct(r.GrantTypes ?? policy.EffectiveDefaultGrantTypes),
            ResponseTypes = Distinct(r.ResponseTypes ?? policy.EffectiveDefaultResponseTypes),
            ClientName = r.ClientName,
            ClientUri = r.ClientUri,
            LogoUri = r.LogoUri,
            Scope = ScopeSyntax.Normalize(scopes),
            Contacts = r.Contacts ?? [],
            TosUri = r.TosUri,
            PolicyUri = r.PolicyUri,
            JwksUri = r.JwksUri,
            Jwks = r.JwksUri is null ? r.Jwks ?? EmptyJwks : null,
            SoftwareId = r.SoftwareId,
            SoftwareVersion = r.SoftwareVersion,
            ApplicationType = r.ApplicationType ?? MetadataDefaults.ApplicationType,
            SubjectType = r.SubjectType ?? MetadataDefaults.SubjectType,
            IdTokenSignedResponseAlg = r.IdTokenSignedResponseAlg ?? MetadataDefaults.SigningAlg,
            PostLogoutRedirectUris = r.PostLogoutRedirectUris ?? [],
            RequireAuthTime = r.RequireAuthTime ?? false,
            DefaultAcrValues = r.DefaultAcrValues ?? [],
            FrontchannelLogoutSessionRequired = r.FrontchannelLogoutSessionRequired ?? false,
            BackchannelLogoutSessionRequired = r.BackchannelLogoutSessionRequired ?? false,
            BackchannelUserCodeParameter = r.BackchannelUserCodeParameter ?? false,
            TlsClientCertificateBoundAccessToken = false,
            AuthorizationSignedResponseAlg = r.AuthorizationSignedResponseAlg ?? MetadataDefaults.SigningAlg,
            AuthorizationDataTypes = r.AuthorizationDataTypes ?? [],
            TokenSignedResponseAlg = r.TokenSignedResponseAlg ?? MetadataDefaults.SigningAlg,
            TokenEncryptedResponseAlg = r.TokenEncryptedResponseAlg ?? MetadataDefaults.EncryptionAlg,
            TokenEncryptedResponseEnc = r.TokenEncryptedResponseEnc ?? MetadataDefaults.EncryptionEnc,
            TokenExpirationTimeSeconds = (int)(r.TokenExpirationTimeSeconds ?? policy.DefaultTokenLifetimeSeconds),
            RefreshTokenExpirationTimeSeconds = (int)(r.RefreshTokenExpirationTimeSeconds ?? MetadataDefaults.TokenLifetimeSeconds),
            PreferredTokenProfile = MetadataDefaults.PreferredTokenProfile, // the only profile the rules accept
            IsConsentDisabled = r.IsConsentDisabled ?? false,
            Localized = new Dictionary<string, string>(r.Localized, StringComparer.Ordinal),
        };
    }

    private static string[] Distinct(IReadOnlyList<string> values) => values.Distinct(StringComparer.Ordinal).ToArray();
}
