using System.Text.Json.Serialization;
using Registry.Protocol.Metadata;

namespace Registry.Grains.Clients;

/// <summary>
/// A client's metadata as stored (inside <see cref="ClientState"/>): its own shape, separate from the protocol
/// core's <see cref="ClientMetadata"/>, so renaming or reshaping that type never changes what is stored. The
/// JSON member names are pinned (they are the names version 1 wrote), and so are the values a member missing
/// from a document stands for: the defaults of version 1, written out rather than taken from the protocol
/// core, whose defaults may change.
/// </summary>
[GenerateSerializer]
[Alias("Registry.StoredClientMetadata")]
public sealed record StoredClientMetadata
{
    [Id(0), JsonPropertyName("RedirectUris")] public string[] RedirectUris { get; init; } = [];
    [Id(1), JsonPropertyName("TokenEndpointAuthMethod")] public string TokenEndpointAuthMethod { get; init; } = "client_secret_basic";
    [Id(2), JsonPropertyName("GrantTypes")] public string[] GrantTypes { get; init; } = [];
    [Id(3), JsonPropertyName("ResponseTypes")] public string[] ResponseTypes { get; init; } = [];
    [Id(4), JsonPropertyName("ClientName")] public string? ClientName { get; init; }
    [Id(5), JsonPropertyName("ClientUri")] public string? ClientUri { get; init; }
    [Id(6), JsonPropertyName("LogoUri")] public string? LogoUri { get; init; }
    [Id(7), JsonPropertyName("Scope")] public string Scope { get; init; } = "";
    [Id(8), JsonPropertyName("Contacts")] public string[] Contacts { get; init; } = [];
    [Id(9), JsonPropertyName("TosUri")] public string? TosUri { get; init; }
    [Id(10), JsonPropertyName("PolicyUri")] public string? PolicyUri { get; init; }
    [Id(11), JsonPropertyName("JwksUri")] public string? JwksUri { get; init; }
    [Id(12), JsonPropertyName("Jwks")] public string? Jwks { get; init; }
    [Id(13), JsonPropertyName("SoftwareId")] public string? SoftwareId { get; init; }
    [Id(14), JsonPropertyName("SoftwareVersion")] public string? SoftwareVersion { get; init; }
    [Id(15), JsonPropertyName("ApplicationType")] public string ApplicationType { get; init; } = "web";
    [Id(16), JsonPropertyName("SubjectType")] public string SubjectType { get; init; } = "public";
    [Id(17), JsonPropertyName("IdTokenSignedResponseAlg")] public string IdTokenSignedResponseAlg { get; init; } = "RS256";
    [Id(18), JsonPropertyName("PostLogoutRedirectUris")] public string[] PostLogoutRedirectUris { get; init; } = [];
    [Id(19), JsonPropertyName("RequireAuthTime")] public bool RequireAuthTime { get; init; }
    [Id(20), JsonPropertyName("DefaultAcrValues")] public string[] DefaultAcrValues { get; init; } = [];
    [Id(21), JsonPropertyName("FrontchannelLogoutSessionRequired")] public bool FrontchannelLogoutSessionRequired { get; init; }
    [Id(22), JsonPropertyName("BackchannelLogoutSessionRequired")] public bool BackchannelLogoutSessionRequired { get; init; }
    [Id(23), JsonPropertyName("BackchannelUserCodeParameter")] public bool BackchannelUserCodeParameter { get; init; }
    [Id(24), JsonPropertyName("TlsClientCertificateBoundAccessToken")] public bool TlsClientCertificateBoundAccessToken { get; init; }
    [Id(25), JsonPropertyName("AuthorizationSignedResponseAlg")] public string AuthorizationSignedResponseAlg { get; init; } = "RS256";
    [Id(26), JsonPropertyName("AuthorizationDataTypes")] public string[] AuthorizationDataTypes { get; init; } = [];
    [Id(27), JsonPropertyName("TokenSignedResponseAlg")] public string TokenSignedResponseAlg { get; init; } = "RS256";
    [Id(28), JsonPropertyName("TokenEncryptedResponseAlg")] public string TokenEncryptedResponseAlg { get; init; } = "RSA-OAEP-256";
    [Id(29), JsonPropertyName("TokenEncryptedResponseEnc")] public string TokenEncryptedResponseEnc { get; init; } = "A128CBC-HS256";
    [Id(30), JsonPropertyName("TokenExpirationTimeSeconds")] public int TokenExpirationTimeSeconds { get; init; } = 1800;
    [Id(31), JsonPropertyName("RefreshTokenExpirationTimeSeconds")] public int RefreshTokenExpirationTimeSeconds { get; init; } = 1800;
    [Id(32), JsonPropertyName("PreferredTokenProfile")] public string PreferredTokenProfile { get; init; } = "Bearer";
    [Id(33), JsonPropertyName("IsConsentDisabled")] public bool IsConsentDisabled { get; init; }
    [Id(34), JsonPropertyName("Localized")] public IReadOnlyDictionary<string, string> Localized { get; init; } = new Dictionary<string, string>();

    public static StoredClientMetadata From(ClientMetadata m) => new()
    {
        RedirectUris = Array(m.RedirectUris),
        TokenEndpointAuthMethod = m.TokenEndpointAuthMethod,
        GrantTypes = Array(m.GrantTypes),
        ResponseTypes = Array(m.ResponseTypes),
        ClientName = m.ClientName,
        ClientUri = m.ClientUri,
        LogoUri = m.LogoUri,
        Scope = m.Scope,
        Contacts = Array(m.Contacts),
        TosUri = m.TosUri,
        PolicyUri = m.PolicyUri,
        JwksUri = m.JwksUri,
        Jwks = m.Jwks,
        SoftwareId = m.SoftwareId,
        SoftwareVersion = m.SoftwareVersion,
        ApplicationType = m.ApplicationType,
        SubjectType = m.SubjectType,
        IdTokenSignedResponseAlg = m.IdTokenSignedResponseAlg,
        PostLogoutRedirectUris = Array(m.PostLogoutRedirectUris),
        RequireAuthTime = m.RequireAuthTime,
        DefaultAcrValues = Array(m.DefaultAcrValues),
        FrontchannelLogoutSessionRequired = m.FrontchannelLogoutSessionRequired,
        BackchannelLogoutSessionRequired = m.BackchannelLogoutSessionRequired,
        BackchannelUserCodeParameter = m.BackchannelUserCodeParameter,
        TlsClientCertificateBoundAccessToken = m.TlsClientCertificateBoundAccessToken,
        AuthorizationSignedResponseAlg = m.AuthorizationSignedResponseAlg,
        AuthorizationDataTypes = Array(m.AuthorizationDataTypes),
        TokenSignedResponseAlg = m.TokenSignedResponseAlg,
        TokenEncryptedResponseAlg = m.TokenEncryptedResponseAlg,
        TokenEncryptedResponseEnc = m.TokenEncryptedResponseEnc,
        TokenExpirationTimeSeconds = m.TokenExpirationTimeSeconds,
        RefreshTokenExpirationTimeSeconds = m.RefreshTokenExpirationTimeSeconds,
        PreferredTokenProfile = m.PreferredTokenProfile,
        IsConsentDisabled = m.IsConsentDisabled,
        Localized = m.Localized,
    };

    public ClientMetadata ToMetadata() => new()
    {
        RedirectUris = RedirectUris,
        TokenEndpointAuthMethod = TokenEndpointAuthMethod,
        GrantTypes = GrantTypes,
        ResponseTypes = ResponseTypes,
        ClientName = ClientName,
        ClientUri = ClientUri,
        LogoUri = LogoUri,
        Scope = Scope,
        Contacts = Contacts,
        TosUri = TosUri,
        PolicyUri = PolicyUri,
        JwksUri = JwksUri,
        Jwks = Jwks,
        SoftwareId = SoftwareId,
        SoftwareVersion = SoftwareVersion,
        ApplicationType = ApplicationType,
        SubjectType = SubjectType,
        IdTokenSignedResponseAlg = IdTokenSignedResponseAlg,
        PostLogoutRedirectUris = PostLogoutRedirectUris,
        RequireAuthTime = RequireAuthTime,
        DefaultAcrValues = DefaultAcrValues,
        FrontchannelLogoutSessionRequired = FrontchannelLogoutSessionRequired,
        BackchannelLogoutSessionRequired = BackchannelLogoutSessionRequired,
        BackchannelUserCodeParameter = BackchannelUserCodeParameter,
        TlsClientCertificateBoundAccessToken = TlsClientCertificateBoundAccessToken,
        AuthorizationSignedResponseAlg = AuthorizationSignedResponseAlg,
        AuthorizationDataTypes = AuthorizationDataTypes,
        TokenSignedResponseAlg = TokenSignedResponseAlg,
        TokenEncryptedResponseAlg = TokenEncryptedResponseAlg,
        TokenEncryptedResponseEnc = TokenEncryptedResponseEnc,
        TokenExpirationTimeSeconds = TokenExpirationTimeSeconds,
        RefreshTokenExpirationTimeSeconds = RefreshTokenExpirationTimeSeconds,
        PreferredTokenProfile = PreferredTokenProfile,
        IsConsentDisabled = IsConsentDisabled,
        Localized = Localized,
    };

    /// <summary>Metadata lists are immutable once validated, so an array is shared rather than copied.</summary>
    private static string[] Array(IReadOnlyList<string> values) => values as string[] ?? [.. values];
}
