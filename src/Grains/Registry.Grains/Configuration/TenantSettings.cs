using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Configuration;

/// <summary>A tenant's configuration with defaults applied; the admin secret kept only as its hash.</summary>
public sealed record TenantSettings(
    string Name,
    string AdminClientId,
    byte[] AdminSecretHash,
    bool UsesDefaultAdminSecret,
    int AdminTokenLifetimeSeconds,
    RegistrationPolicy Policy,
    string SigningAlgorithm)
{
    public const int DefaultAdminTokenLifetimeSeconds = 900;

    public static TenantSettings Resolve(string name, TenantOptions options)
    {
        var secret = options.AdminClientSecret ?? TenantOptions.DefaultAdminClientSecret;
        var defaults = new RegistrationPolicy();
        var policy = new RegistrationPolicy
        {
            AllowedScopes = options.AllowedScopes ?? defaults.AllowedScopes,
            DefaultScope = options.DefaultScope ?? defaults.DefaultScope,
            DefaultGrantTypes = options.DefaultGrantTypes ?? defaults.DefaultGrantTypes,
            DefaultTokenLifetimeSeconds = options.TokenLifetimeSeconds ?? defaults.DefaultTokenLifetimeSeconds,
            MinTokenLifetimeSeconds = options.MinTokenLifetimeSeconds ?? defaults.MinTokenLifetimeSeconds,
            MaxTokenLifetimeSeconds = options.MaxTokenLifetimeSeconds ?? defaults.MaxTokenLifetimeSeconds,
        };
        return new TenantSettings(
            name,
            options.AdminClientId ?? TenantOptions.DefaultAdminClientId,
            Secrets.Hash(secret),
            secret == TenantOptions.DefaultAdminClientSecret,
            options.AdminTokenLifetimeSeconds ?? DefaultAdminTokenLifetimeSeconds,
            policy,
            options.SigningAlgorithm ?? SigningAlgorithms.RS256);
    }
}
