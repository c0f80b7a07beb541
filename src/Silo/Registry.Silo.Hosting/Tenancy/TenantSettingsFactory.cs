using Registry.Grains.Tenants;
using Registry.Hosting.Configuration;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Throttling;

namespace Registry.Silo.Hosting.Tenancy;

/// <summary>Tenant configuration (options) resolved into what the grains serve (settings): defaults applied, the admin secret hashed.</summary>
public static class TenantSettingsFactory
{
    /// <summary>Every configured tenant, and the default tenant even when it is not configured.</summary>
    /// <param name="tenants">The configured tenants.</param>
    /// <param name="development">
    /// The Development environment: clients may then register loopback, private-network and plain-http URLs
    /// (a developer's machine); elsewhere URL members must be public https URLs.
    /// </param>
    public static TenantDirectory CreateDirectory(IReadOnlyDictionary<string, TenantOptions> tenants, bool development = false)
    {
        var settings = tenants.Select(t => Resolve(t.Key, t.Value, development)).ToList();
        if (!tenants.ContainsKey(TenantNames.Default))
        {
            settings.Add(Resolve(TenantNames.Default, new TenantOptions(), development));
        }

        return new TenantDirectory(settings, development);
    }

    public static TenantSettings Resolve(string name, TenantOptions options, bool development = false)
    {
        var secret = options.AdminClientSecret ?? TenantOptions.DefaultAdminClientSecret;
        var policy = ResolvePolicy(options, development);
        var limits = options.Limits;
        var unset = new ThrottlePolicy();
        var throttles = new ThrottlePolicy
        {
            MaxClients = options.MaxClients ?? unset.MaxClients,
            RegistrationsPerSecond = limits.RegistrationsPerSecond ?? unset.RegistrationsPerSecond,
            RegistrationBurst = limits.RegistrationBurst ?? unset.RegistrationBurst,
            TokenRequestsPerSecond = limits.TokenRequestsPerSecond ?? unset.TokenRequestsPerSecond,
            TokenBurst = limits.TokenBurst ?? unset.TokenBurst,
            ClientFailuresBeforeBackoff = limits.ClientFailuresBeforeBackoff ?? unset.ClientFailuresBeforeBackoff,
            AddressFailuresBeforeBackoff = limits.AddressFailuresBeforeBackoff ?? unset.AddressFailuresBeforeBackoff,
            BackoffSeconds = limits.BackoffSeconds ?? unset.BackoffSeconds,
            MaxBackoffSeconds = limits.MaxBackoffSeconds ?? unset.MaxBackoffSeconds,
        };
        return new TenantSettings(
            name,
            options.AdminClientId ?? TenantOptions.DefaultAdminClientId,
            Secrets.Hash(secret),
            secret == TenantOptions.DefaultAdminClientSecret,
            options.AdminTokenLifetimeSeconds ?? TenantOptions.DefaultAdminTokenLifetimeSeconds,
            policy,
            options.SigningAlgorithm ?? JoseAlgorithms.RS256,
            throttles);
    }

    /// <summary>
    /// The tenant's registration policy: configured values, defaults for the rest. Wire names that do not parse take
    /// the default (startup validation refuses them first). Without configured DefaultGrantTypes, the default grant
    /// types are those of RFC 7591 within AllowedGrantTypes (<see cref="RegistrationPolicy.EffectiveDefaultGrantTypes"/>).
    /// </summary>
    public static RegistrationPolicy ResolvePolicy(TenantOptions options, bool development = false)
    {
        var defaults = new RegistrationPolicy();
        _ = RegistrationModes.TryParse(options.RegistrationMode ?? RegistrationModes.AdminToken, out var mode);
        _ = DisallowedHandlings.TryParse(options.OnDisallowed ?? DisallowedHandlings.Reject, out var onDisallowed);
        _ = SecretRotations.TryParse(options.SecretRotation ?? SecretRotations.Never, out var rotation);
        var allowedGrants = options.AllowedGrantTypes;
        return new RegistrationPolicy
        {
            Mode = mode,
            AllowedScopes = options.AllowedScopes ?? defaults.AllowedScopes,
            DefaultScope = options.DefaultScope ?? defaults.DefaultScope,
            DefaultGrantTypes = options.DefaultGrantTypes ?? (defaults with { AllowedGrantTypes = allowedGrants }).EffectiveDefaultGrantTypes,
            AllowedGrantTypes = allowedGrants,
            AllowedResponseTypes = options.AllowedResponseTypes,
            AllowedAuthMethods = options.AllowedTokenEndpointAuthMethods,
            RedirectUriHosts = options.RedirectUriHosts,
            OnDisallowed = onDisallowed,
            DefaultTokenLifetimeSeconds = options.TokenLifetimeSeconds ?? defaults.DefaultTokenLifetimeSeconds,
            MinTokenLifetimeSeconds = options.MinTokenLifetimeSeconds ?? defaults.MinTokenLifetimeSeconds,
            MaxTokenLifetimeSeconds = options.MaxTokenLifetimeSeconds ?? defaults.MaxTokenLifetimeSeconds,
            AllowedResources = options.AllowedResources ?? defaults.AllowedResources,
            RemoveUnusedOpenClientsAfterSeconds = options.RemoveUnusedOpenClientsAfterSeconds ?? defaults.RemoveUnusedOpenClientsAfterSeconds,
            SecretLifetimeSeconds = options.SecretLifetimeSeconds ?? defaults.SecretLifetimeSeconds,
            SecretRotation = rotation,
            SecretOverlapSeconds = options.SecretOverlapSeconds ?? defaults.SecretOverlapSeconds,
            IdleDisableAfterSeconds = options.IdleDisableAfterSeconds ?? defaults.IdleDisableAfterSeconds,
            IdleDeleteAfterSeconds = options.IdleDeleteAfterSeconds ?? defaults.IdleDeleteAfterSeconds,
            SigningKeyLifetimeSeconds = options.SigningKeyLifetimeSeconds ?? defaults.SigningKeyLifetimeSeconds,
            AllowLocalUrls = development,
        };
    }
}
