namespace Registry.Protocol.Metadata;

/// <summary>
/// Validated client metadata with server defaults applied: what a client is registered with.
/// Property names are part of the grain storage schema: rename only with a migration note.
/// </summary>
public sealed record ClientMetadata
{
    public IReadOnlyList<string> RedirectUris { get; init; } = [];
    public string TokenEndpointAuthMethod { get; init; } = MetadataDefaults.TokenEndpointAuthMethod;
    public IReadOnlyList<string> GrantTypes { get; init; } = [];
    public IReadOnlyList<string> ResponseTypes { get; init; } = [];
    public string? ClientName { get; init; }
    public string? ClientUri { get; init; }
    public string? LogoUri { get; init; }
    public string Scope { get; init; } = "";
    public IReadOnlyList<string> Contacts { get; init; } = [];
    public string? TosUri { get; init; }
    public string? PolicyUri { get; init; }
    public string? JwksUri { get; init; }

    /// <summary>The client's JWK Set as validated JSON text, or null when it registered a <see cref="JwksUri"/>.</summary>
    public string? Jwks { get; init; }
    public string? SoftwareId { get; init; }
    public string? SoftwareVersion { get; init; }
    public string ApplicationType { get; init; } = MetadataDefaults.ApplicationType;
    public string SubjectType { get; init; } = MetadataDefaults.SubjectType;
    public string IdTokenSignedResponseAlg { get; init; } = MetadataDefaults.SigningAlg;
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];
    public bool RequireAuthTime { get; init; }
    public IReadOnlyList<string> DefaultAcrValues { get; init; } = [];
    public bool FrontchannelLogoutSessionRequired { get; init; }
    public bool BackchannelLogoutSessionRequired { get; init; }
    public bool BackchannelUserCodeParameter { get; init; }
    public bool TlsClientCertificateBoundAccessToken { get; init; }
    public string AuthorizationSignedResponseAlg { get; init; } = MetadataDefaults.SigningAlg;
    public IReadOnlyList<string> AuthorizationDataTypes { get; init; } = [];
    public string TokenSignedResponseAlg { get; init; } = MetadataDefaults.SigningAlg;
    public string TokenEncryptedResponseAlg { get; init; } = MetadataDefaults.EncryptionAlg;
    public string TokenEncryptedResponseEnc { get; init; } = MetadataDefaults.EncryptionEnc;
    public int TokenExpirationTimeSeconds { get; init; } = MetadataDefaults.TokenLifetimeSeconds;
    public int RefreshTokenExpirationTimeSeconds { get; init; } = MetadataDefaults.TokenLifetimeSeconds;
    public string PreferredTokenProfile { get; init; } = MetadataDefaults.PreferredTokenProfile;
    public bool IsConsentDisabled { get; init; }

    /// <summary>Language-tagged human-readable values (RFC 7591 §2.2), keyed by full member name.</summary>
    public IReadOnlyDictionary<string, string> Localized { get; init; } = new Dictionary<string, string>();
}
