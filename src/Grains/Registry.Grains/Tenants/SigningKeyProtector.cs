using Microsoft.AspNetCore.DataProtection;

namespace Registry.Grains.Tenants;

/// <summary>
/// Protects tenants' private signing keys for the grain store with the silo's Data Protection key ring (chosen by
/// the silo host: a folder for the embedded default, Azure Blob storage in a cluster). One per silo.
/// </summary>
public sealed class SigningKeyProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose: a new format of protected keys gets a new purpose.</summary>
    public const string Purpose = "Registry.SigningKeys.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Protect(byte[] pkcs8) => _protector.Protect(pkcs8);

    public byte[] Unprotect(byte[] protectedKey) => _protector.Unprotect(protectedKey);
}
