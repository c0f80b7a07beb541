using System.Security.Cryptography;
using System.Text;
using Registry.Grains.Abstractions;

namespace Registry.Grains.Tenants;

/// <summary>
/// Stores and reads runtime tenants' upstream client secrets encrypted (<see cref="IUpstreamSecretProtector"/>: the
/// silo's Data Protection key ring, bound to the tenant).
/// </summary>
public sealed class UpstreamSecrets(IUpstreamSecretProtector protector)
{
    /// <summary>What to store for <paramref name="upstream"/>; an empty secret keeps <paramref name="stored"/>'s (same provider and client only).</summary>
    public StoredUpstream? Protect(string tenant, UpstreamDefinition? upstream, StoredUpstream? stored)
    {
        if (upstream is null)
        {
            return null;
        }

        var keep = upstream.ClientSecret.Length == 0 && stored is not null
            && stored.Issuer == upstream.Issuer && stored.ClientId == upstream.ClientId;
        return new StoredUpstream
        {
            Issuer = upstream.Issuer,
            ClientId = upstream.ClientId,
            ProtectedClientSecret = keep ? stored!.ProtectedClientSecret : protector.Protect(tenant, Encoding.UTF8.GetBytes(upstream.ClientSecret)),
            Scopes = [.. upstream.Scopes],
        };
    }

    /// <summary>The definition served to gateways; the secret is empty when it cannot be decrypted (a lost key ring), so sign-in fails at the provider.</summary>
    public UpstreamDefinition? Unprotect(string tenant, StoredUpstream? stored)
    {
        if (stored is null)
        {
            return null;
        }

        string secret;
        try
        {
            secret = stored.ProtectedClientSecret.Length == 0 ? "" : Encoding.UTF8.GetString(protector.Unprotect(tenant, stored.ProtectedClientSecret));
        }
        catch (CryptographicException)
        {
            secret = "";
        }

        return new UpstreamDefinition(stored.Issuer, stored.ClientId, secret, stored.Scopes);
    }

    /// <summary>Whether <paramref name="stored"/> holds what <paramref name="upstream"/> asks (an identical repeat of a create).</summary>
    public bool Same(string tenant, StoredUpstream? stored, UpstreamDefinition? upstream) =>
        (stored, upstream) switch
        {
            (null, null) => true,
            ({ } s, { } u) => Unprotect(tenant, s) is { } current && current.SameClient(u) && current.Scopes.SequenceEqual(u.Scopes, StringComparer.Ordinal)
                && (u.ClientSecret.Length == 0 || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current.ClientSecret), Encoding.UTF8.GetBytes(u.ClientSecret))),
            _ => false,
        };
}
