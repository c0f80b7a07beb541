using Registry.Protocol.Errors;
using Registry.Protocol.Metadata.Rules;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>Validates metadata as sent against a tenant policy and resolves it, with defaults, into <see cref="ClientMetadata"/>.</summary>
public static class ClientMetadataValidator
{
    private static readonly IClientMetadataRule[] Rules =
    [
        new ApplicationTypeRule(),
        new GrantTypesRule(),
        new ResponseTypesRule(),
        new GrantResponseConsistencyRule(),
        RedirectUriRule.RedirectUris,
        RedirectUriRule.PostLogoutRedirectUris,
        new AuthMethodRule(),
        new ScopeRule(),
        new JwksRule(),
        new WebUrlFieldsRule(),
        new AlgorithmsRule(),
        new TokenLifetimeRule(),
        new UnsupportedFeaturesRule(),
        new SoftwareStatementRule(),
    ];

    public static Outcome<ClientMetadata> Validate(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        foreach (var rule in Rules)
        {
            if (rule.Check(request, policy) is { } error)
            {
                return error;
            }
        }

        return Resolve(request, policy);
    }

    /// <summary>Applies defaults to omitted members (RFC 7591 §2; RFC 7592 §2.2 treats omitted as deleted).</summary>
    private static ClientMetadata Resolve(ClientMetadataRequest r, RegistrationPolicy policy)
    {
        // The scope rule (and, for the default, options validation) already checked the syntax.
        var scopes = ScopeSyntax.TryParse(r.Scope ?? policy.DefaultScope, out var parsed, out _) ? parsed : [];
        return new ClientMetadata
        {
            RedirectUris = r.RedirectUris ?? [],
            TokenEndpointAuthMethod = r.TokenEndpointAuthMethod ?? MetadataDefaults.TokenEndpointAuthMethod,
            GrantTypes = Distinct(r.GrantTypes ?? policy.DefaultGrantTypes),
            ResponseTypes = Distinct(r.ResponseTypes ?? MetadataDefaults.ResponseTypes),
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
            PreferredTokenProfile = r.PreferredTokenProfile ?? MetadataDefaults.PreferredTokenProfile,
            IsConsentDisabled = r.IsConsentDisabled ?? false,
            Localized = new Dictionary<string, string>(r.Localized, StringComparer.Ordinal),
        };
    }

    private const string EmptyJwks = """{"keys":[]}""";

    private static string[] Distinct(IReadOnlyList<string> values) => values.Distinct(StringComparer.Ordinal).ToArray();
}
