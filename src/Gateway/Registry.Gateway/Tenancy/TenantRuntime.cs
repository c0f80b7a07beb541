using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Authorization;
using Registry.Gateway.Http;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Tenancy;

/// <summary>
/// A tenant as the gateway serves it, built once from the tenant grain's snapshot: key objects, signing
/// headers, the JWK Set document and the identifier verifier are created here, never per request. It holds public keys
/// only: tokens are signed in the silo (see <see cref="ITokenSigner"/>).
/// </summary>
internal sealed class TenantRuntime : IDisposable
{
    private readonly List<AsymmetricAlgorithm> _keys = [];
    private readonly JwsSigningKey[] _signingKeys;

    public TenantRuntime(TenantSnapshot snapshot)
    {
        Name = snapshot.Name;
        AdminClientId = snapshot.AdminClientId;
        AdminTokenLifetimeSeconds = snapshot.AdminTokenLifetimeSeconds;
        Policy = snapshot.Policy;
        Upstream = snapshot.Upstream;
        Throttles = snapshot.Throttles;
        Identifiers = new ClientIdentifiers(snapshot.IdentifierKey, snapshot.AcceptsLegacyIdentifiers);
        Sealing = new Sealing(snapshot.IdentifierKey, snapshot.Name);
        var securityKeys = new List<SecurityKey>();
        var publicKeys = new List<PublicJwk>();
        foreach (var key in snapshot.SigningKeys)
        {
            var (securityKey, jwk) = SigningKeys.LoadPublic(key, _keys);
            securityKeys.Add(securityKey);
            publicKeys.Add(jwk);
        }

        // Newest activation first: the key that signs is the first one already active (see SigningKeyAt).
        _signingKeys = [.. snapshot.SigningKeys.OrderByDescending(k => k.ActivatesAt).Select(k => new JwsSigningKey(k.KeyId, k.Algorithm, k.ActivatesAt))];
        ValidationKeys = securityKeys;
        SigningAlgorithms = [.. snapshot.SigningKeys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)];
        Jwks = JsonWriting.ToBytes(w => PublicJwk.WriteSet(w, publicKeys));
    }

    public string Name { get; }

    public string AdminClientId { get; }

    public int AdminTokenLifetimeSeconds { get; }

    public RegistrationPolicy Policy { get; }

    /// <summary>A runtime tenant's upstream OpenID Provider (the admin API's); a configured tenant's is in configuration.</summary>
    public UpstreamDefinition? Upstream { get; }

    /// <summary>The tenant's limits (the gateway applies the per-address back-off's local cache with it).</summary>
    public ThrottlePolicy Throttles { get; }
    /// <summary>Issues and verifies the tenant's client ids and registration access tokens (their MACs), without a grain call.</summary>
    public ClientIdentifiers Identifiers { get; }

    /// <summary>Seals what the sign-in front channel carries (sessions, transactions, consent forms), for every gateway alike.</summary>
    public Sealing Sealing { get; }

    /// <summary>
    /// The key that signs at <paramref name="now"/>: the newest already active, so a key published ahead takes over on
    /// time without a new snapshot (the oldest if none is active yet: this gateway's clock is behind the silo's).
    /// </summary>
    public JwsSigningKey SigningKeyAt(DateTimeOffset now)
    {
        foreach (var key in _signingKeys)
        {
            if (key.ActivatesAt <= now)
            {
                return key;
            }
        }

        return _signingKeys[^1];
    }

    /// <summary>Every published key: tokens signed by any of them validate.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    public IReadOnlyList<string> SigningAlgorithms { get; }

    /// <summary>The JWK Set document (RFC 7517 §5), serialized once.</summary>
    public ReadOnlyMemory<byte> Jwks { get; }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }

        Identifiers.Dispose();
    }

}
