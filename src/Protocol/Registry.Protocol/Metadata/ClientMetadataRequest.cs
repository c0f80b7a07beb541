namespace Registry.Protocol.Metadata;

/// <summary>
/// Client metadata exactly as the client sent it: <c>null</c> means "not sent" (JSON null counts as not
/// sent). Validation rules look at this shape, so that rules like grant/response consistency apply to
/// what the client asked for rather than to server defaults.
/// </summary>
public sealed class ClientMetadataRequest
{
    public IReadOnlyList<string>? RedirectUris { get; set; }
    public string? TokenEndpointAuthMethod { get; set; }
    public IReadOnlyList<string>? GrantTypes { get; set; }
    public IReadOnlyList<string>? ResponseTypes { get; set; }
    public string? ClientName { get; set; }
    public string? ClientUri { get; set; }
    public string? LogoUri { get; set; }
    public string? Scope { get; set; }
    public IReadOnlyList<string>? Contacts { get; set; }
    public string? TosUri { get; set; }
    public string? PolicyUri { get; set; }
    public string? JwksUri { get; set; }
    public string? Jwks { get; set; }
    public string? SoftwareId { get; set; }
    public string? SoftwareVersion { get; set; }
    public string? SoftwareStatement { get; set; }
    public string? ApplicationType { get; set; }
    public string? SubjectType { get; set; }
    public string? IdTokenSignedResponseAlg { get; set; }
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; set; }
    public bool? RequireAuthTime { get; set; }
    public IReadOnlyList<string>? DefaultAcrValues { get; set; }
    public bool? FrontchannelLogoutSessionRequired { get; set; }
    public bool? BackchannelLogoutSessionRequired { get; set; }
    public bool? BackchannelUserCodeParameter { get; set; }
    public bool? TlsClientCertificateBoundAccessToken { get; set; }
    public string? AuthorizationSignedResponseAlg { get; set; }
    public IReadOnlyList<string>? AuthorizationDataTypes { get; set; }
    public string? TokenSignedResponseAlg { get; set; }
    public string? TokenEncryptedResponseAlg { get; set; }
    public string? TokenEncryptedResponseEnc { get; set; }
    public long? TokenExpirationTimeSeconds { get; set; }
    public long? RefreshTokenExpirationTimeSeconds { get; set; }
    public string? PreferredTokenProfile { get; set; }
    public bool? IsConsentDisabled { get; set; }

    /// <summary>Validated when sent, not registered (see <see cref="MetadataFields.SectorIdentifierUri"/>).</summary>
    public string? SectorIdentifierUri { get; set; }

    /// <summary>Validated when sent, not registered (see <see cref="MetadataFields.InitiateLoginUri"/>).</summary>
    public string? InitiateLoginUri { get; set; }

    /// <summary>Language-tagged human-readable values, keyed by the full member name (e.g. <c>client_name#fr</c>).</summary>
    public Dictionary<string, string> Localized { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>client_id</c> member, when sent (required in an RFC 7592 update).</summary>
    public string? ClientId { get; set; }

    /// <summary>The <c>client_secret</c> member, when sent (an RFC 7592 update may echo the current secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Server-managed members present in the body that an update must not send (<see cref="MetadataFields.ServerManaged"/>).</summary>
    public List<string> ServerManagedFieldsSent { get; } = [];
}
