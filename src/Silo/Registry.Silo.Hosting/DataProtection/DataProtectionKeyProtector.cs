using Microsoft.AspNetCore.DataProtection;
using Registry.Grains.Tenants;

namespace Registry.Silo.Hosting.DataProtection;

/// <summary>Tenants' signing keys protected with the silo's Data Protection key ring (see <see cref="KeyRingConfiguration"/>).</summary>
public sealed class DataProtectionKeyProtector(IDataProtectionProvider provider) : ISigningKeyProtector
{
    /// <summary>The Data Protection purpose: a new format of protected keys gets a new purpose.</summary>
    public const string Purpose = "Registry.SigningKeys.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Protect(byte[] pkcs8) => _protector.Protect(pkcs8);

    public byte[] Unprotect(byte[] protectedKey) => _protector.Unprotect(protectedKey);
}
