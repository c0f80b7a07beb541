namespace Registry.Grains.Tenants;

/// <summary>
/// Encrypts runtime tenants' upstream client secrets at rest; the silo host implements it with its Data Protection key
/// ring (shared by every silo of a cluster), bound to the tenant's name, so a secret copied into another tenant's row
/// does not decrypt there.
/// </summary>
public interface IUpstreamSecretProtector
{
    byte[] Protect(string tenant, byte[] secret);

    /// <summary>The secret; throws a CryptographicException when this silo's key ring cannot read it.</summary>
    byte[] Unprotect(string tenant, byte[] protectedSecret);
}
