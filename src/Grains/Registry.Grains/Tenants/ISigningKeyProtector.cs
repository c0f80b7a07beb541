namespace Registry.Grains.Tenants;

/// <summary>
/// Protects tenants' private signing keys for the grain store (the silo host implements it with ASP.NET Core Data
/// Protection and chooses the key ring), so grains stay free of any host technology. One per silo.
/// </summary>
public interface ISigningKeyProtector
{
    byte[] Protect(byte[] pkcs8);

    /// <summary>The PKCS#8 key; throws a CryptographicException when this silo's key ring cannot read it.</summary>
    byte[] Unprotect(byte[] protectedKey);
}
