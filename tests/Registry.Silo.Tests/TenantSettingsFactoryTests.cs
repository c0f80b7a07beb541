using Registry.Hosting.Configuration;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;
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

    [Fact]
    public void An_unconfigured_registration_policy_restricts_nothing_and_rejects()
    {
        var policy = TenantSettingsFactory.CreateDirectory(new Dictionary<string, TenantOptions>()).Find("default")!.Policy;

        Assert.Equal((RegistrationMode.AdminToken, DisallowedHandling.Reject), (policy.Mode, policy.OnDisallowed));
        Assert.Null(policy.AllowedGrantTypes);
        Assert.Null(policy.AllowedResponseTypes);
        Assert.Null(policy.AllowedAuthMethods);
        Assert.Null(policy.RedirectUriHosts);
    }

    [Fact]
    public void Registration_policy_keys_are_mapped_into_the_policy()
    {
        var policy = TenantSettingsFactory.Resolve("acme", new TenantOptions
        {
            AdminClientSecret = "acme-secret-value",
            RegistrationMode = "initial_access_token",
            AllowedGrantTypes = ["client_credentials", "authorization_code"],
            AllowedResponseTypes = ["code"],
            AllowedTokenEndpointAuthMethods = ["client_secret_post"],
            RedirectUriHosts = ["app.example.com", "*.example.org"],
            OnDisallowed = "narrow",
        }).Policy;

        Assert.Equal((RegistrationMode.InitialAccessToken, DisallowedHandling.Narrow), (policy.Mode, policy.OnDisallowed));
        Assert.Equal(["client_credentials", "authorization_code"], policy.AllowedGrantTypes!);
        Assert.Equal(["code"], policy.AllowedResponseTypes!);
        Assert.Equal(["client_secret_post"], policy.AllowedAuthMethods!);
        Assert.Equal(["app.example.com", "*.example.org"], policy.RedirectUriHosts!);
        Assert.Equal(["authorization_code"], policy.DefaultGrantTypes);
    }

    [Theory]
    [InlineData("open", RegistrationMode.Open)]
    [InlineData("software_statement", RegistrationMode.SoftwareStatement)]
    [InlineData("admin_token", RegistrationMode.AdminToken)]
    public void Every_registration_mode_is_read_by_its_wire_name(string configured, RegistrationMode mode)
    {
        Assert.Equal(mode, TenantSettingsFactory.ResolvePolicy(new TenantOptions { RegistrationMode = configured }).Mode);
    }

    [Fact]
    public void Without_default_grant_types_the_default_is_narrowed_to_the_allowed_grant_types()
    {
        var machine = TenantSettingsFactory.ResolvePolicy(new TenantOptions { AllowedGrantTypes = ["client_credentials"] });
        var configured = TenantSettingsFactory.ResolvePolicy(new TenantOptions { AllowedGrantTypes = ["client_credentials", "implicit"], DefaultGrantTypes = ["implicit"] });

        Assert.Equal(["client_credentials"], machine.DefaultGrantTypes);
        Assert.Equal(["implicit"], configured.DefaultGrantTypes);
        Assert.True(TenantSettingsFactory.ResolvePolicy(new TenantOptions(), development: true).AllowLocalUrls);
        Assert.False(TenantSettingsFactory.ResolvePolicy(new TenantOptions()).AllowLocalUrls);
    }
}
