namespace Registry.Gateway.Http;

/// <summary>What kind of endpoint answers an error: it decides the challenge a 401 carries and a few statuses.</summary>
internal enum EndpointKind
{
    /// <summary>Discovery, JWKS, health, or no endpoint at all (routing failed).</summary>
    Other,

    /// <summary>The token endpoint (RFC 6749 §3.2): form bodies and client authentication, challenged with Basic.</summary>
    Token,

    /// <summary>The registration endpoints (RFC 7591 §3, RFC 7592 §2): JSON bodies and bearer tokens, challenged with Bearer.</summary>
    Registration,

    /// <summary>The admin API: JSON bodies and operator bearer tokens with the registry:admin scope.</summary>
    Admin,
}
