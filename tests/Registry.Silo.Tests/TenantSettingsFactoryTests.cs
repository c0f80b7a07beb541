using Registry.Hosting.Configuration;
using Registry.Protocol.Security;
using Registry.Silo.Hosting.Tenancy;

namespace Registry.Silo.Tests;

/// <summary>Tenant options resolved into what tenant grains serve.</summary>
public sealed class TenantSettingsFactoryTests
{
    [Fact]
    public void The_default_tenant_exists_with_the_default_bootstrap_admin_when_nothing_is_configured()
    {
        var directory = TenantSettingsFactory.CreateDirectory(new Dictionary<string, TenantOptions>());

        var tenant = Assert.Single(directory.All);
        Assert.Equal(("default", "registerClient", true, 900, "RS256"), (tenant.Name, tenant.AdminClientId, tenant.UsesDefaultAdminSecret, tenant.AdminTokenLifetimeSeconds, tenant.SigningAlgorithm));
        Assert.True(Secrets.Matches("password", tenant.AdminSecretHash));
        Assert.Equal(["openid", "profile", "email", "address", "phone", "offline_access"], tenant.Policy.AllowedScopes);
        Assert.Equal(["authorization_code"], tenant.Policy.DefaultGrantTypes);
        Assert.Equal(("", 1800, 60, 86_400), (tenant.Policy.DefaultScope, tenant.Policy.DefaultTokenLifetimeSeconds, tenant.Policy.MinTokenLifetimeSeconds, tenant.Policy.MaxTokenLifetimeSeconds));
    }

    [Fact]
    public void Configured_values_are_kept_and_the_secret_is_kept_only_as_its_hash()
    {
        var directory = TenantSettingsFactory.CreateDirectory(new Dictionary<string, TenantOptions>
        {
            ["default"] = new() { AdminClientId = "platform", AdminClientSecret = "a-long-operator-secret" },
            ["acme"] = new()
            {
                AdminClientSecret = "acme-secret-value",
                AdminTokenLifetimeSeconds = 120,
                AllowedScopes = ["orders.read"],
                DefaultScope = "orders.read",
                DefaultGrantTypes = ["client_credentials"],
                TokenLifetimeSeconds = 300,
                MinTokenLifetimeSeconds = 100,
                MaxTokenLifetimeSeconds = 600,
                SigningAlgorithm = "ES256",
            },
        });

        var main = directory.Find("default")!;
        var acme = directory.Find("acme")!;
        Assert.Equal(2, directory.All.Count());
        Assert.Equal(("platform", false), (main.AdminClientId, main.UsesDefaultAdminSecret));
        Assert.True(Secrets.Matches("a-long-operator-secret", main.AdminSecretHash));
        Assert.False(Secrets.Matches("password", main.AdminSecretHash));
        Assert.Equal(("registerClient", 120, "ES256", "orders.read"), (acme.AdminClientId, acme.AdminTokenLifetimeSeconds, acme.SigningAlgorithm, acme.Policy.DefaultScope));
        Assert.Equal(["orders.read"], acme.Policy.AllowedScopes);
        Assert.Equal(["client_credentials"], acme.Policy.DefaultGrantTypes);
        Assert.Equal((300, 100, 600), (acme.Policy.DefaultTokenLifetimeSeconds, acme.Policy.MinTokenLifetimeSeconds, acme.Policy.MaxTokenLifetimeSeconds));
        Assert.Null(directory.Find("nobody"));
    }
}
