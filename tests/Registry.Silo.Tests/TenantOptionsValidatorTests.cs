using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Registry.Hosting.Configuration;
using Registry.Silo.Hosting.Tenancy;

namespace Registry.Silo.Tests;

/// <summary>Startup validation of a tenant's registration policy keys: each problem one line naming its key.</summary>
public sealed class TenantOptionsValidatorTests
{
    private const string Secret = "a-long-enough-development-secret";

    /// <summary>(configure a tenant, the start of the line that names the problem)</summary>
    public static TheoryData<string, string> Invalid => new()
    {
        { "mode:Open", "Registry:Tenants:acme:RegistrationMode 'Open' must be one of admin_token, initial_access_token, open, software_statement" },
        { "mode:token", "Registry:Tenants:acme:RegistrationMode 'token' must be one of" },
        { "on:Narrow", "Registry:Tenants:acme:OnDisallowed 'Narrow' must be one of reject, narrow" },
        { "grants:password", "Registry:Tenants:acme:AllowedGrantTypes contains the unknown value 'password'" },
        { "responses:id_token", "Registry:Tenants:acme:AllowedResponseTypes contains the unknown value 'id_token'" },
        { "methods:private_key_jwt", "Registry:Tenants:acme:AllowedTokenEndpointAuthMethods contains the unknown value 'private_key_jwt'" },
        { "hosts:*", "Registry:Tenants:acme:RedirectUriHosts contains '*'" },
        { "hosts:https://app.example.com", "Registry:Tenants:acme:RedirectUriHosts contains 'https://app.example.com'" },
        { "hosts:app.example.com:8443", "Registry:Tenants:acme:RedirectUriHosts contains 'app.example.com:8443'" },
        { "rotation:onupdate", "Registry:Tenants:acme:SecretRotation 'onupdate' must be one of never, on_update, near_expiry" },
        { "rotation:OnUpdate", "Registry:Tenants:acme:SecretRotation 'OnUpdate' must be one of never, on_update, near_expiry" },
        { "rotation:", "Registry:Tenants:acme:SecretRotation '' must be one of never, on_update, near_expiry" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_bad_policy_key_stops_startup_with_one_line_naming_it(string setting, string line)
    {
        var failures = Validate(Configured(setting));

        var failure = Assert.Single(failures);
        Assert.StartsWith(line, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_a_key_check_reports_are_not_reported_twice_by_the_policy_check()
    {
        var options = new TenantOptions { AdminClientSecret = Secret, AllowedScopes = ["register"], AllowedGrantTypes = ["password"] };

        var failure = Assert.Single(Validate(options));

        Assert.StartsWith("Registry:Tenants:acme:AllowedScopes contains 'register'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_wire_names_are_each_reported()
    {
        var failures = Validate(new TenantOptions { AdminClientSecret = Secret, RegistrationMode = "x", OnDisallowed = "y" });

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Registry:Tenants:acme:RegistrationMode 'x'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Registry:Tenants:acme:OnDisallowed 'y'", StringComparison.Ordinal));
    }

    public static TheoryData<string> Valid =>
    [
        "mode:admin_token", "mode:initial_access_token", "mode:open", "mode:software_statement", "on:reject", "on:narrow",
        "grants:client_credentials authorization_code", "responses:code", "methods:client_secret_post", "hosts:app.example.com *.example.org",
        "rotation:never", "rotation:on_update", "rotation:near_expiry",
    ];

    [Theory]
    [MemberData(nameof(Valid))]
    public void Good_policy_keys_pass(string setting)
    {
        Assert.Empty(Validate(Configured(setting)));
    }

    [Fact]
    public void Allowed_grant_types_without_the_default_one_need_no_default_grant_types_key()
    {
        Assert.Empty(Validate(new TenantOptions { AdminClientSecret = Secret, AllowedGrantTypes = ["client_credentials"], DefaultGrantTypes = null }));
        Assert.Empty(Validate(new TenantOptions { AdminClientSecret = Secret, AllowedGrantTypes = ["refresh_token", "implicit"] }));
    }

    [Fact]
    public void Default_grant_types_outside_the_allowed_ones_are_named_by_their_key()
    {
        var failure = Assert.Single(Validate(new TenantOptions
        {
            AdminClientSecret = Secret,
            AllowedGrantTypes = ["client_credentials"],
            DefaultGrantTypes = ["client_credentials", "implicit"],
        }));

        Assert.StartsWith("Registry:Tenants:acme:DefaultGrantTypes contains 'implicit'", failure, StringComparison.Ordinal);
    }

    private static TenantOptions Configured(string setting)
    {
        var (name, value) = (setting[..setting.IndexOf(':', StringComparison.Ordinal)], setting[(setting.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var values = value.Split(' ');
        var options = new TenantOptions { AdminClientSecret = Secret };
        switch (name)
        {
            case "mode":
                options.RegistrationMode = value;
                break;
            case "on":
                options.OnDisallowed = value;
                break;
            case "grants":
                options.AllowedGrantTypes = values;
                break;
            case "responses":
                options.AllowedResponseTypes = values;
                break;
            case "methods":
                options.AllowedTokenEndpointAuthMethods = values;
                break;
            case "rotation":
                // near_expiry needs a secret lifetime (and an overlap below it): given, so only the name is judged.
                options.SecretRotation = value;
                options.SecretLifetimeSeconds = 7200;
                break;
            default:
                options.RedirectUriHosts = values;
                break;
        }

        return options;
    }

    private static List<string> Validate(TenantOptions tenant)
    {
        var options = new RegistryOptions();
        options.Tenants["acme"] = tenant;
        var result = new TenantOptionsValidator(new Development()).Validate(null, options);
        return [.. result.Failures ?? []];
    }

    private sealed class Development : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Registry.Silo.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
