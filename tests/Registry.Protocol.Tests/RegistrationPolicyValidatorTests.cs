using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Tenancy;

namespace Registry.Protocol.Tests;

/// <summary>A policy an operator gives is checked before it is served: known values, scope syntax, host entries, lifetime bounds.</summary>
public sealed class RegistrationPolicyValidatorTests
{
    private static readonly string Label63 = new('a', 63);

    /// <summary>253 characters: the longest DNS name.</summary>
    private static readonly string Name253 = string.Join('.', Label63, Label63, Label63, new string('b', 61));

    private static readonly RegistrationPolicy Base = new();

    /// <summary>The longest resource a policy may list: 2048 characters.</summary>
    private static readonly string Resource2048 = "https://api.example/" + new string('r', 2028);

    /// <summary>Invalid policies by name, with the member the description starts with.</summary>
    private static readonly Dictionary<string, (RegistrationPolicy Policy, string Member)> InvalidPolicies = new()
    {
        ["unknown mode"] = (Base with { Mode = (RegistrationMode)4 }, "registration_mode"),
        ["unknown handling"] = (Base with { OnDisallowed = (DisallowedHandling)2 }, "on_disallowed"),
        ["reserved scope"] = (Base with { AllowedScopes = ["openid", "register"] }, "allowed_scopes"),
        ["scope syntax"] = (Base with { AllowedScopes = ["open\"id"] }, "allowed_scopes"),
        ["empty scope"] = (Base with { AllowedScopes = [""] }, "allowed_scopes"),
        ["scope with space"] = (Base with { AllowedScopes = ["a b"] }, "allowed_scopes"),
        ["default scope syntax"] = (Base with { DefaultScope = "open\\id" }, "default_scope"),
        ["default scope not allowed"] = (Base with { DefaultScope = "openid admin" }, "default_scope"),
        ["no allowed grant"] = (Base with { AllowedGrantTypes = [] }, "allowed_grant_types"),
        ["unknown allowed grant"] = (Base with { AllowedGrantTypes = ["authorization_code", "password"] }, "allowed_grant_types"),
        ["no default grant"] = (Base with { DefaultGrantTypes = [] }, "default_grant_types"),
        ["unknown default grant"] = (Base with { DefaultGrantTypes = ["password"] }, "default_grant_types"),
        ["default grant not allowed"] = (Base with { AllowedGrantTypes = ["client_credentials"] }, "default_grant_types"),
        ["default grants partly allowed"] = (Base with { DefaultGrantTypes = ["client_credentials", "implicit"], AllowedGrantTypes = ["client_credentials"] }, "default_grant_types"),
        ["unknown response type"] = (Base with { AllowedResponseTypes = ["code", "id_token"] }, "allowed_response_types"),
        ["no auth method"] = (Base with { AllowedAuthMethods = [] }, "allowed_token_endpoint_auth_methods"),
        ["unknown auth method"] = (Base with { AllowedAuthMethods = ["private_key_jwt"] }, "allowed_token_endpoint_auth_methods"),
        ["bare star"] = (Base with { RedirectUriHosts = ["*"] }, "redirect_uri_hosts"),
        ["star dot"] = (Base with { RedirectUriHosts = ["*."] }, "redirect_uri_hosts"),
        ["star without dot"] = (Base with { RedirectUriHosts = ["*example.com"] }, "redirect_uri_hosts"),
        ["two stars"] = (Base with { RedirectUriHosts = ["*.*.example.com"] }, "redirect_uri_hosts"),
        ["inner star"] = (Base with { RedirectUriHosts = ["a.*.example.com"] }, "redirect_uri_hosts"),
        ["scheme"] = (Base with { RedirectUriHosts = ["https://app.example.com"] }, "redirect_uri_hosts"),
        ["port"] = (Base with { RedirectUriHosts = ["app.example.com:443"] }, "redirect_uri_hosts"),
        ["path"] = (Base with { RedirectUriHosts = ["app.example.com/cb"] }, "redirect_uri_hosts"),
        ["empty host"] = (Base with { RedirectUriHosts = ["app.example.com", ""] }, "redirect_uri_hosts"),
        ["empty label"] = (Base with { RedirectUriHosts = ["app..example.com"] }, "redirect_uri_hosts"),
        ["trailing dot"] = (Base with { RedirectUriHosts = ["example.com."] }, "redirect_uri_hosts"),
        ["leading dot"] = (Base with { RedirectUriHosts = [".example.com"] }, "redirect_uri_hosts"),
        ["leading hyphen"] = (Base with { RedirectUriHosts = ["-app.example.com"] }, "redirect_uri_hosts"),
        ["trailing hyphen"] = (Base with { RedirectUriHosts = ["app-.example.com"] }, "redirect_uri_hosts"),
        ["wildcard leading hyphen"] = (Base with { RedirectUriHosts = ["*.-example.com"] }, "redirect_uri_hosts"),
        ["underscore"] = (Base with { RedirectUriHosts = ["app_1.example.com"] }, "redirect_uri_hosts"),
        ["space"] = (Base with { RedirectUriHosts = ["app .example.com"] }, "redirect_uri_hosts"),
        ["unicode"] = (Base with { RedirectUriHosts = ["bücher.example"] }, "redirect_uri_hosts"),
        ["ipv6"] = (Base with { RedirectUriHosts = ["[::1]"] }, "redirect_uri_hosts"),
        ["label of 64"] = (Base with { RedirectUriHosts = [Label63 + "a.example.com"] }, "redirect_uri_hosts"),
        ["name of 254"] = (Base with { RedirectUriHosts = [Name253 + "b"] }, "redirect_uri_hosts"),
        ["wildcard name of 254"] = (Base with { RedirectUriHosts = ["*." + Name253 + "b"] }, "redirect_uri_hosts"),
        ["101 resources"] = (Base with { AllowedResources = [.. Enumerable.Range(0, 101).Select(i => $"https://r{i}.example")] }, "allowed_resources"),
        ["empty resource"] = (Base with { AllowedResources = [""] }, "allowed_resources"),
        ["relative resource"] = (Base with { AllowedResources = ["api"] }, "allowed_resources"),
        ["rooted path resource"] = (Base with { AllowedResources = ["/srv/api"] }, "allowed_resources"),
        ["file resource"] = (Base with { AllowedResources = ["file:///srv/api"] }, "allowed_resources"),
        ["resource with fragment"] = (Base with { AllowedResources = ["https://api.example#v1"] }, "allowed_resources"),
        ["resource with empty fragment"] = (Base with { AllowedResources = ["https://api.example#"] }, "allowed_resources"),
        ["resource of 2049"] = (Base with { AllowedResources = [Resource2048 + "r"] }, "allowed_resources"),
        ["bad resource after a good one"] = (Base with { AllowedResources = ["https://api.example", "api"] }, "allowed_resources"),
        ["negative removal delay"] = (Base with { RemoveUnusedOpenClientsAfterSeconds = -1 }, "remove_unused_open_clients_after_seconds"),
        ["min 0"] = (Base with { MinTokenLifetimeSeconds = 0 }, "min_token_lifetime_seconds"),
        ["min negative"] = (Base with { MinTokenLifetimeSeconds = -1 }, "min_token_lifetime_seconds"),
        ["max above a week"] = (Base with { MaxTokenLifetimeSeconds = 604_801 }, "max_token_lifetime_seconds"),
        ["default below min"] = (Base with { DefaultTokenLifetimeSeconds = 59 }, "default_token_lifetime_seconds"),
        ["default above max"] = (Base with { DefaultTokenLifetimeSeconds = 86_401 }, "default_token_lifetime_seconds"),
        ["min above max"] = (Base with { MinTokenLifetimeSeconds = 600, DefaultTokenLifetimeSeconds = 600, MaxTokenLifetimeSeconds = 599 }, "default_token_lifetime_seconds"),

        // Lifecycle: periods within 0 … 10 years, a known rotation that can happen, an overlap shorter than the lifetime,
        // a signing key that outlives an hour and the longest token.
        ["negative secret lifetime"] = (Base with { SecretLifetimeSeconds = -1 }, "secret_lifetime_seconds"),
        ["secret lifetime above 10 years"] = (Base with { SecretLifetimeSeconds = 315_360_001 }, "secret_lifetime_seconds"),
        ["negative overlap"] = (Base with { SecretOverlapSeconds = -1 }, "secret_overlap_seconds"),
        ["overlap above 10 years"] = (Base with { SecretOverlapSeconds = 315_360_001 }, "secret_overlap_seconds"),
        ["negative idle disable"] = (Base with { IdleDisableAfterSeconds = -1 }, "idle_disable_after_seconds"),
        ["idle disable above 10 years"] = (Base with { IdleDisableAfterSeconds = 315_360_001 }, "idle_disable_after_seconds"),
        ["negative idle delete"] = (Base with { IdleDeleteAfterSeconds = -1 }, "idle_delete_after_seconds"),
        ["idle delete above 10 years"] = (Base with { IdleDeleteAfterSeconds = 315_360_001 }, "idle_delete_after_seconds"),
        ["negative key lifetime"] = (Base with { SigningKeyLifetimeSeconds = -1 }, "signing_key_lifetime_seconds"),
        ["key lifetime above 10 years"] = (Base with { SigningKeyLifetimeSeconds = 315_360_001 }, "signing_key_lifetime_seconds"),
        ["unknown rotation"] = (Base with { SecretRotation = (SecretRotation)3 }, "secret_rotation"),
        ["near expiry of a secret that never expires"] = (Base with { SecretRotation = SecretRotation.NearExpiry }, "secret_rotation"),
        ["overlap as long as the lifetime"] = (Base with { SecretLifetimeSeconds = 3600, SecretOverlapSeconds = 3600 }, "secret_overlap_seconds"),
        ["overlap longer than the lifetime"] = (Base with { SecretLifetimeSeconds = 600 }, "secret_overlap_seconds"),
        ["key lifetime below an hour"] = (Base with { SigningKeyLifetimeSeconds = 3599, MaxTokenLifetimeSeconds = 600, DefaultTokenLifetimeSeconds = 600 }, "signing_key_lifetime_seconds"),
        ["key lifetime below the longest token"] = (Base with { SigningKeyLifetimeSeconds = 86_399 }, "signing_key_lifetime_seconds"),
    };

    public static TheoryData<string> Invalid => [.. InvalidPolicies.Keys];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_inconsistent_policy_is_refused_naming_the_member(string name)
    {
        var (policy, member) = InvalidPolicies[name];

        var error = RegistrationPolicyValidator.Validate(policy);

        Assert.NotNull(error);
        Assert.Equal((OAuthErrorCodes.InvalidRequest, ErrorIds.PolicyInvalid), (error.Code, error.Id));
        Assert.StartsWith(member + " ", error.Description, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, RegistrationPolicy> ValidPolicies = new()
    {
        ["default"] = Base,
        ["initial access token"] = Base with { Mode = RegistrationMode.InitialAccessToken },
        ["open"] = Base with { Mode = RegistrationMode.Open },
        ["software statement"] = Base with { Mode = RegistrationMode.SoftwareStatement },
        ["narrow"] = Base with { OnDisallowed = DisallowedHandling.Narrow },
        ["every known value"] = Base with
        {
            AllowedGrantTypes = GrantTypes.Registrable,
            AllowedResponseTypes = ResponseTypes.Registrable,
            AllowedAuthMethods = AuthMethods.Supported,
        },
        ["machine clients"] = Base with
        {
            AllowedGrantTypes = ["client_credentials"],
            DefaultGrantTypes = ["client_credentials"],
            AllowedResponseTypes = [],
            AllowedAuthMethods = ["client_secret_post"],
            RedirectUriHosts = [],
        },
        ["defaults within allowed"] = Base with { AllowedGrantTypes = ["client_credentials", "authorization_code"], DefaultGrantTypes = ["authorization_code"] },
        ["no scopes"] = Base with { AllowedScopes = [], DefaultScope = "" },
        ["default scope"] = Base with { AllowedScopes = ["orders.read", "orders.write"], DefaultScope = "  orders.write orders.read " },
        ["hosts"] = Base with
        {
            RedirectUriHosts = ["app.example.com", "*.example.org", "APP.Example.NET", "xn--bcher-kva.example", "127.0.0.1", "a-b.c", "localhost", Label63 + ".example", Name253, "*." + Name253[2..]],
        },
        ["resources"] = Base with { AllowedResources = ["https://api.example", "https://files.example/v1?tenant=a", "urn:example:ledger", Resource2048] },
        ["100 resources"] = Base with { AllowedResources = [.. Enumerable.Range(0, 100).Select(i => $"https://r{i}.example")] },
        ["open clients never removed"] = Base with { Mode = RegistrationMode.Open, RemoveUnusedOpenClientsAfterSeconds = 0 },
        ["shortest lifetimes"] = Base with { MinTokenLifetimeSeconds = 1, DefaultTokenLifetimeSeconds = 1, MaxTokenLifetimeSeconds = 1 },
        ["longest lifetimes"] = Base with { MinTokenLifetimeSeconds = 604_800, DefaultTokenLifetimeSeconds = 604_800, MaxTokenLifetimeSeconds = 604_800 },
        ["default at min"] = Base with { DefaultTokenLifetimeSeconds = 60 },
        ["default at max"] = Base with { DefaultTokenLifetimeSeconds = 86_400 },
        ["lifecycle off"] = Base with { SecretOverlapSeconds = 0, SigningKeyLifetimeSeconds = 0 },
        ["longest lifecycle periods"] = Base with
        {
            SecretLifetimeSeconds = 315_360_000,
            SecretOverlapSeconds = 315_359_999,
            IdleDisableAfterSeconds = 315_360_000,
            IdleDeleteAfterSeconds = 315_360_000,
            SigningKeyLifetimeSeconds = 315_360_000,
        },
        ["rotation on update of a secret that never expires"] = Base with { SecretRotation = SecretRotation.OnUpdate },
        ["rotation near expiry"] = Base with { SecretRotation = SecretRotation.NearExpiry, SecretLifetimeSeconds = 3601 },
        ["overlap just below the lifetime"] = Base with { SecretLifetimeSeconds = 2, SecretOverlapSeconds = 1 },
        ["key lifetime of an hour"] = Base with { SigningKeyLifetimeSeconds = 3600, MaxTokenLifetimeSeconds = 3600 },
        ["key lifetime of the longest token"] = Base with { SigningKeyLifetimeSeconds = 86_400 },
    };

    public static TheoryData<string> Valid => [.. ValidPolicies.Keys];

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_consistent_policy_is_accepted(string name)
    {
        Assert.Null(RegistrationPolicyValidator.Validate(ValidPolicies[name]));
    }

    [Fact]
    public void The_longest_lifetime_is_a_week()
    {
        Assert.Equal(604_800, RegistrationPolicyValidator.MaxTokenLifetimeSeconds);
        Assert.Equal(253, Name253.Length);
    }

    [Fact]
    public void Resources_are_checked_after_redirect_hosts_and_before_lifetimes()
    {
        var policy = Base with { RedirectUriHosts = ["*"], AllowedResources = ["api"], RemoveUnusedOpenClientsAfterSeconds = -1, MinTokenLifetimeSeconds = 0 };
        string[] order = ["redirect_uri_hosts", "allowed_resources", "remove_unused_open_clients_after_seconds", "min_token_lifetime_seconds"];
        var steps = new Func<RegistrationPolicy, RegistrationPolicy>[]
        {
            p => p with { RedirectUriHosts = null },
            p => p with { AllowedResources = ["https://api.example"] },
            p => p with { RemoveUnusedOpenClientsAfterSeconds = 1 },
            p => p with { MinTokenLifetimeSeconds = 1 },
        };

        for (var i = 0; i < order.Length; i++)
        {
            Assert.StartsWith(order[i] + " ", RegistrationPolicyValidator.Validate(policy)?.Description, StringComparison.Ordinal);
            policy = steps[i](policy);
        }

        Assert.Null(RegistrationPolicyValidator.Validate(policy));
    }

    /// <summary>The first problem is reported, members in a fixed order.</summary>
    [Fact]
    public void The_first_problem_in_member_order_is_reported()
    {
        var policy = Base with
        {
            Mode = (RegistrationMode)9,
            OnDisallowed = (DisallowedHandling)9,
            AllowedScopes = ["register"],
            DefaultScope = "y",
            AllowedGrantTypes = ["password"],
            DefaultGrantTypes = ["password"],
            AllowedResponseTypes = ["id_token"],
            AllowedAuthMethods = ["tls_client_auth"],
            RedirectUriHosts = ["*"],
            MinTokenLifetimeSeconds = 0,
        };
        string[] order =
        [
            "registration_mode", "on_disallowed", "allowed_scopes", "default_scope", "allowed_grant_types", "default_grant_types", "default_grant_types", "allowed_response_types",
            "allowed_token_endpoint_auth_methods", "redirect_uri_hosts", "min_token_lifetime_seconds",
        ];
        var fixedSoFar = policy;
        var steps = new Func<RegistrationPolicy, RegistrationPolicy>[]
        {
            p => p with { Mode = RegistrationMode.Open },
            p => p with { OnDisallowed = DisallowedHandling.Narrow },
            p => p with { AllowedScopes = ["x"] },
            p => p with { DefaultScope = "" },
            p => p with { AllowedGrantTypes = null },
            p => p with { DefaultGrantTypes = ["implicit"], AllowedGrantTypes = ["client_credentials"] },
            p => p with { DefaultGrantTypes = ["client_credentials"] },
            p => p with { AllowedResponseTypes = ["code"] },
            p => p with { AllowedAuthMethods = ["client_secret_basic"] },
            p => p with { RedirectUriHosts = ["*.example.com"] },
            p => p with { MinTokenLifetimeSeconds = 1 },
        };

        for (var i = 0; i < order.Length; i++)
        {
            Assert.StartsWith(order[i] + " ", RegistrationPolicyValidator.Validate(fixedSoFar)?.Description, StringComparison.Ordinal);
            fixedSoFar = steps[i](fixedSoFar);
        }

        Assert.Null(RegistrationPolicyValidator.Validate(fixedSoFar));
    }
}
