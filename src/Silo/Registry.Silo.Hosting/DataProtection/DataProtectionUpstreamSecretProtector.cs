using Microsoft.AspNetCore.DataProtection;
using Registry.Grains.Tenants;

namespace Registry.Silo.Hosting.DataProtection;

/// <summary>Runtime tenants' upstream client secrets protected with the silo's Data Protection key ring, per tenant.</summary>
public sealed class DataProtectionUpstreamSecretProtector(IDataProtectionProvider provider) : IUpstreamSecretProtector
{
    /// <summary>The Data Protection purpose (the tenant name is the second one): a new format gets a new purpose.</summary>
    public const string Purpose = "Registry.Tenants.UpstreamClientSecret.v1";

    public byte[] Protect(string tenant, byte[] secret) => provider.CreateProtector(Purpose, tenant).Protect(secret);

    public byte[] Unprotect(string tenant, byte[] protectedSecret) => provider.CreateProtector(Purpose, tenant).Unprotect(protectedSecret);
}
