namespace Registry.Testing;

/// <summary>The ways <see cref="UpstreamProvider"/> can be told to misbehave, for the negative tests of a relying party.</summary>
[Flags]
public enum UpstreamMisbehavior
{
    None = 0,

    /// <summary>/authorize answers error=access_denied (the user refused, or the provider did).</summary>
    DenyAccess = 1,

    /// <summary>The ID token carries a nonce other than the one of the authorization request.</summary>
    WrongNonce = 2,

    /// <summary>The ID token's aud is another client's id.</summary>
    WrongAudience = 4,

    /// <summary>The ID token's iss is another issuer than the one of the discovery document.</summary>
    WrongIssuer = 8,

    /// <summary>The ID token expired an hour ago.</summary>
    ExpiredIdToken = 16,

    /// <summary>The ID token is signed by a key the JWKS does not publish (same kid, other key).</summary>
    UnpublishedSigningKey = 32,

    /// <summary>The token endpoint answers 500.</summary>
    TokenEndpointFails = 64,

    /// <summary>The ID token has no nonce at all.</summary>
    MissingNonce = 128,
}
