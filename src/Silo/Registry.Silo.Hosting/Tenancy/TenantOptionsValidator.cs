using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Throttling;
using Registry.Protocol.Tokens;

namespace Registry.Silo.Hosting.Tenancy;

/// <summary>
/// Startup validation of Registry:Tenants; every problem is reported, each naming its key. Outside the
/// Development environment a bootstrap secret must be a real one: not the default, not a placeholder, and
/// at least <see cref="ProductionSecretLength"/> characters.
/// </summary>
internal sealed class TenantOptionsValidator(IHostEnvironment environment) : IValidateOptions<RegistryOptions>
{
    private const int MaxLifetimeSeconds = RegistrationPolicyValidator.MaxTokenLifetimeSeconds;

    /// <summary>The shortest bootstrap secret accepted outside Development (about 190 bits as random base64).</summary>
    public const int ProductionSecretLength = 32;

    private const int DevelopmentSecretLength = 8;

    /// <summary>The placeholder the deployment files ship with.</summary>
    private const string Placeholder = "CHANGE-ME";

    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        foreach (var (tenant, settings) in options.Tenants)
        {
            Check(tenant, settings, failures);
        }

        // The default tenant exists even when it is not configured, with the default bootstrap secret.
        if (!options.Tenants.ContainsKey(TenantNames.Default) && !environment.IsDevelopment())
        {
            Check(TenantNames.Default, new TenantOptions(), failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(string tenant, TenantOptions options, List<string> failures)
    {
        var key = $"Registry:Tenants:{tenant}";
        if (!TenantNames.IsValid(tenant))
        {
            failures.Add($"{key}: tenant names are 1-63 lowercase letters, digits and inner hyphens");
        }

        CheckAdmin(tenant, key, options, failures);
        if (options.SigningAlgorithm is { } algorithm && !JoseAlgorithms.AccessTokenSigning.Contains(algorithm, StringComparer.Ordinal))
        {
            failures.Add($"{key}:SigningAlgorithm '{algorithm}' must be one of {string.Join(", ", JoseAlgorithms.AccessTokenSigning)}");
        }

        CheckLimits(key, options, failures);
        CheckUpstream(key, options.Upstream, failures);

        // The registration policy: each key's own checks, then the policy as a whole when they found nothing.
        var before = failures.Count;
        CheckLifetimes(key, options, failures);
        CheckScopes(key, options, failures);
        var unknownGrant = options.DefaultGrantTypes?.FirstOrDefault(g => !GrantTypes.Registrable.Contains(g, StringComparer.Ordinal));
        if (unknownGrant is not null || options.DefaultGrantTypes is [])
        {
            failures.Add($"{key}:DefaultGrantTypes must be a non-empty list of {string.Join(", ", GrantTypes.Registrable)}");
        }

        CheckWireNames(key, options, failures);
        if (failures.Count == before)
        {
            CheckPolicy(key, options, failures);
        }
    }

    /// <summary>
    /// An upstream OpenID Provider needs an absolute issuer (https outside Development, where a loopback http one
    /// serves local testing), a client id and a client secret.
    /// </summary>
    private void CheckUpstream(string key, UpstreamOptions upstream, List<string> failures)
    {
        if (!upstream.IsConfigured)
        {
            return;
        }

        if (!Uri.TryCreate(upstream.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            failures.Add($"{key}:Upstream:Issuer must be an absolute https URL without query or fragment");
        }
        else if (issuer.Scheme == "http" && !(environment.IsDevelopment() && issuer.IsLoopback))
        {
            failures.Add($"{key}:Upstream:Issuer must use https (http is accepted for a loopback issuer in Development only)");
        }

        if (string.IsNullOrEmpty(upstream.ClientId))
        {
            failures.Add($"{key}:Upstream:ClientId is required with Upstream:Issuer");
        }

        if (string.IsNullOrEmpty(upstream.ClientSecret) || upstream.ClientSecret.Contains(Placeholder, StringComparison.Ordinal))
        {
            failures.Add($"{key}:Upstream:ClientSecret is required with Upstream:Issuer (and must not be a placeholder)");
        }

        if (upstream.Scopes is { } scopes && !scopes.Contains(UpstreamOptions.DefaultScope, StringComparer.Ordinal))
        {
            failures.Add($"{key}:Upstream:Scopes must include openid (Registry reads the user from the ID token)");
        }
    }

    private static void CheckWireNames(string key, TenantOptions options, List<string> failures)
    {
        if (options.RegistrationMode is { } mode && !RegistrationModes.TryParse(mode, out _))
        {
            failures.Add($"{key}:RegistrationMode '{mode}' must be one of {string.Join(", ", RegistrationModes.All)}");
        }

        if (options.SecretRotation is { } rotation && !SecretRotations.TryParse(rotation, out _))
        {
            failures.Add($"{key}:SecretRotation '{rotation}' must be one of {string.Join(", ", SecretRotations.All)}");
        }

        if (options.OnDisallowed is { } handling && !DisallowedHandlings.TryParse(handling, out _))
        {
            failures.Add($"{key}:OnDisallowed '{handling}' must be one of {string.Join(", ", DisallowedHandlings.All)}");
        }
    }

    /// <summary>
    /// The policy as the tenant will serve it, checked by the protocol core (known values, host entries, defaults within
    /// the allowed lists), once the checks above found nothing: its first problem, named by its configuration key.
    /// </summary>
    private static void CheckPolicy(string key, TenantOptions options, List<string> failures)
    {
        if (RegistrationPolicyValidator.Validate(TenantSettingsFactory.ResolvePolicy(options)) is not { } error)
        {
            return;
        }

        // The description starts with the policy member's wire name ("allowed_grant_types contains ...").
        var member = error.Description.Split(' ', 2)[0];
        failures.Add($"{key}:{ConfigurationKey(member)}{error.Description[member.Length..]}");
    }

    /// <summary>A policy member's wire name as its configuration key: allowed_grant_types is AllowedGrantTypes.</summary>
    private static string ConfigurationKey(string member) => member == "default_token_lifetime_seconds"
        ? nameof(TenantOptions.TokenLifetimeSeconds)
        : string.Concat(member.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private void CheckAdmin(string tenant, string key, TenantOptions options, List<string> failures)
    {
        if (options.AdminClientId is { } id && (id.Length is 0 or > 256 || id.Any(c => char.IsControl(c) || c == ':')))
        {
            failures.Add($"{key}:AdminClientId must be 1-256 characters without ':' or control characters");
        }

        var secret = options.AdminClientSecret;
        if (environment.IsDevelopment())
        {
            if (secret is null && tenant != TenantNames.Default)
            {
                failures.Add($"{key}:AdminClientSecret is required (only the default tenant may use the default bootstrap secret)");
            }
            else if (secret is { Length: < DevelopmentSecretLength })
            {
                failures.Add($"{key}:AdminClientSecret must be at least {DevelopmentSecretLength} characters");
            }

            return;
        }

        if (secret is null or TenantOptions.DefaultAdminClientSecret || secret.Contains(Placeholder, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:AdminClientSecret must be set to a random secret outside Development (environment '{environment.EnvironmentName}'); the default or a placeholder is refused");
        }
        else if (secret.Length < ProductionSecretLength)
        {
            failures.Add($"{key}:AdminClientSecret must be at least {ProductionSecretLength} characters outside Development (environment '{environment.EnvironmentName}')");
        }
    }

    private static void CheckLifetimes(string key, TenantOptions options, List<string> failures)
    {
        var defaults = new RegistrationPolicy();
        var min = options.MinTokenLifetimeSeconds ?? defaults.MinTokenLifetimeSeconds;
        var max = options.MaxTokenLifetimeSeconds ?? defaults.MaxTokenLifetimeSeconds;
        var lifetime = options.TokenLifetimeSeconds ?? defaults.DefaultTokenLifetimeSeconds;
        if (min < 1 || max > MaxLifetimeSeconds || min > lifetime || lifetime > max)
        {
            failures.Add($"{key}: token lifetimes need 1 <= MinTokenLifetimeSeconds ({min}) <= TokenLifetimeSeconds ({lifetime}) <= MaxTokenLifetimeSeconds ({max}) <= {MaxLifetimeSeconds}");
        }

        if (options.AdminTokenLifetimeSeconds is < 60 or > 86_400)
        {
            failures.Add($"{key}:AdminTokenLifetimeSeconds must be between 60 and 86400");
        }
    }

    private static void CheckLimits(string key, TenantOptions options, List<string> failures)
    {
        var limits = options.Limits;
        if (options.MaxClients is < 1)
        {
            failures.Add($"{key}:MaxClients must be at least 1");
        }

        if (limits.RegistrationsPerSecond is <= 0 || limits.TokenRequestsPerSecond is <= 0 || limits.RegistrationBurst is < 1 || limits.TokenBurst is < 1)
        {
            failures.Add($"{key}:Limits: RegistrationsPerSecond and TokenRequestsPerSecond must be positive, RegistrationBurst and TokenBurst at least 1");
        }

        var defaults = new ThrottlePolicy();
        var first = limits.BackoffSeconds ?? defaults.BackoffSeconds;
        var max = limits.MaxBackoffSeconds ?? defaults.MaxBackoffSeconds;
        if (limits.ClientFailuresBeforeBackoff is < 1 || limits.AddressFailuresBeforeBackoff is < 1 || first < 1 || first > max || max > 86_400)
        {
            failures.Add($"{key}:Limits: failures before back-off must be at least 1, and 1 <= BackoffSeconds ({first}) <= MaxBackoffSeconds ({max}) <= 86400");
        }
    }

    private static void CheckScopes(string key, TenantOptions options, List<string> failures)
    {
        var allowed = options.AllowedScopes ?? RegistrationPolicy.StandardScopes;
        var bad = allowed.FirstOrDefault(s => !ScopeSyntax.IsScopeToken(s) || s == MetadataDefaults.RegisterScope);
        if (bad is not null)
        {
            failures.Add($"{key}:AllowedScopes contains '{bad}': scopes are RFC 6749 scope tokens and '{MetadataDefaults.RegisterScope}' is reserved");
        }

        if (options.DefaultScope is { } scope
            && (!ScopeSyntax.TryParse(scope, out var defaults, out _) || defaults.Any(s => !allowed.Contains(s, StringComparer.Ordinal))))
        {
            failures.Add($"{key}:DefaultScope '{scope}' must be a space-separated subset of AllowedScopes");
        }
    }
}
