using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Admin;

/// <summary>
/// An operator's tenant request turned into the definition the tenant grain stores (defaults applied, the admin
/// secret hashed — or generated first), and a stored tenant turned into the API's answer.
/// </summary>
internal static class TenantDefinitions
{
    public const int MinAdminSecretLength = 32;

    private const string DefaultAdminClientId = "registerClient";
    private const int DefaultAdminTokenLifetimeSeconds = 900;
    private const int MaxAdminTokenLifetimeSeconds = 7 * 24 * 3600;

    /// <summary>
    /// The definition of <paramref name="request"/>, and the admin secret to show when one was generated. On a
    /// replacement (<paramref name="replacing"/>) an omitted secret keeps the stored one (an empty hash says so).
    /// </summary>
    public static Outcome<(TenantDefinition Definition, string? NewSecret)> From(TenantRequest request, bool replacing)
    {
        if (request.RegistrationMode is not { } modeName || !RegistrationModes.TryParse(modeName, out var mode))
        {
            return AdminJson.Invalid("registration_mode must be one of admin_token, initial_access_token, open, software_statement");
        }

        if (mode == RegistrationMode.SoftwareStatement)
        {
            return OAuthError.InvalidRequest(ErrorIds.RegistrationModeUnsupported,
                "registration_mode software_statement is reserved: signed software statements are not verified yet; use initial_access_token");
        }

        var onDisallowed = DisallowedHandling.Reject;
        if (request.OnDisallowed is { } handling && !DisallowedHandlings.TryParse(handling, out onDisallowed))
        {
            return AdminJson.Invalid("on_disallowed must be reject or narrow");
        }

        var secret = request.AdminClientSecret;
        if (secret is not null && (secret.Length < MinAdminSecretLength || secret.Length > 512 || secret.Any(c => c is < ' ' or > '~')))
        {
            return AdminJson.Invalid($"admin_client_secret must be {MinAdminSecretLength} to 512 visible ASCII characters (omit it to have one generated)");
        }

        var adminId = request.AdminClientId ?? DefaultAdminClientId;
        if (adminId.Length is 0 or > 200 || adminId.Any(c => c is < '!' or > '~' || c == ':'))
        {
            return AdminJson.Invalid("admin_client_id must be 1-200 visible ASCII characters without ':'");
        }

        var adminLifetime = request.AdminTokenLifetimeSeconds ?? DefaultAdminTokenLifetimeSeconds;
        if (adminLifetime is < 60 or > MaxAdminTokenLifetimeSeconds)
        {
            return AdminJson.Invalid($"admin_token_lifetime_seconds must be between 60 and {MaxAdminTokenLifetimeSeconds}");
        }

        var algorithm = request.SigningAlgorithm ?? JoseAlgorithms.RS256;
        if (!JoseAlgorithms.AccessTokenSigning.Contains(algorithm, StringComparer.Ordinal))
        {
            return AdminJson.Invalid($"signing_algorithm must be one of {string.Join(", ", JoseAlgorithms.AccessTokenSigning)}");
        }

        var rotation = SecretRotation.Never;
        if (request.SecretRotation is { } rotationName && !SecretRotations.TryParse(rotationName, out rotation))
        {
            return AdminJson.Invalid($"secret_rotation must be one of {string.Join(", ", SecretRotations.All)}");
        }

        var defaults = new RegistrationPolicy();
        var policy = new RegistrationPolicy
        {
            Mode = mode,
            AllowedScopes = request.AllowedScopes ?? defaults.AllowedScopes,
            DefaultScope = request.DefaultScope ?? defaults.DefaultScope,
            // As in configuration: an omitted default is the standard one narrowed to the allowed grant types.
            DefaultGrantTypes = request.DefaultGrantTypes ?? (defaults with { AllowedGrantTypes = request.AllowedGrantTypes }).EffectiveDefaultGrantTypes,
            AllowedGrantTypes = request.AllowedGrantTypes,
            AllowedResponseTypes = request.AllowedResponseTypes,
            AllowedAuthMethods = request.AllowedTokenEndpointAuthMethods,
            RedirectUriHosts = request.RedirectUriHosts,
            OnDisallowed = onDisallowed,
            DefaultTokenLifetimeSeconds = request.DefaultTokenLifetimeSeconds ?? defaults.DefaultTokenLifetimeSeconds,
            MinTokenLifetimeSeconds = request.MinTokenLifetimeSeconds ?? defaults.MinTokenLifetimeSeconds,
            MaxTokenLifetimeSeconds = request.MaxTokenLifetimeSeconds ?? defaults.MaxTokenLifetimeSeconds,
            AllowedResources = request.AllowedResources ?? defaults.AllowedResources,
            RemoveUnusedOpenClientsAfterSeconds = request.RemoveUnusedOpenClientsAfterSeconds ?? defaults.RemoveUnusedOpenClientsAfterSeconds,
            SecretLifetimeSeconds = request.SecretLifetimeSeconds ?? defaults.SecretLifetimeSeconds,
            SecretRotation = rotation,
            SecretOverlapSeconds = request.SecretOverlapSeconds ?? defaults.SecretOverlapSeconds,
            IdleDisableAfterSeconds = request.IdleDisableAfterSeconds ?? defaults.IdleDisableAfterSeconds,
            IdleDeleteAfterSeconds = request.IdleDeleteAfterSeconds ?? defaults.IdleDeleteAfterSeconds,
            SigningKeyLifetimeSeconds = request.SigningKeyLifetimeSeconds ?? defaults.SigningKeyLifetimeSeconds,
        };
        if (RegistrationPolicyValidator.Validate(policy) is { } invalid)
        {
            return invalid;
        }

        if (UpstreamDefinitions.Check(request.Upstream, replacing, out var upstream) is { } badUpstream)
        {
            return badUpstream;
        }

        var throttles = new ThrottlePolicy();
        if (request.MaxClients is { } max)
        {
            if (max is < 1 or > 100_000_000)
            {
                return AdminJson.Invalid("max_clients must be between 1 and 100000000");
            }

            throttles = throttles with { MaxClients = max };
        }

        var generated = secret is null && !replacing ? Secrets.NewSecret() : null;
        var hash = (secret ?? generated) is { } plain ? Secrets.Hash(plain) : [];
        return (new TenantDefinition(adminId, hash, adminLifetime, policy, algorithm, throttles) { Upstream = upstream }, generated);
    }

    /// <summary>A tenant as the API answers it.</summary>
    public static TenantResponse ToResponse(TenantDescription tenant, string? issuer)
    {
        var policy = tenant.Policy;
        return new TenantResponse(
            tenant.Name,
            issuer,
            tenant.Configured ? "configuration" : "admin_api",
            RegistrationModes.ToWire(policy.Mode),
            tenant.AdminClientId,
            tenant.AdminTokenLifetimeSeconds,
            policy.AllowedScopes,
            policy.DefaultScope,
            policy.DefaultGrantTypes,
            policy.AllowedGrantTypes,
            policy.AllowedResponseTypes,
            policy.AllowedAuthMethods,
            policy.RedirectUriHosts,
            DisallowedHandlings.ToWire(policy.OnDisallowed),
            tenant.Throttles.MaxClients,
            policy.DefaultTokenLifetimeSeconds,
            policy.MinTokenLifetimeSeconds,
            policy.MaxTokenLifetimeSeconds,
            tenant.SigningAlgorithm,
            tenant.CreatedAt?.ToUnixTimeSeconds(),
            tenant.UpdatedAt?.ToUnixTimeSeconds())
        {
            AllowedResources = policy.AllowedResources,
            RemoveUnusedOpenClientsAfterSeconds = policy.RemoveUnusedOpenClientsAfterSeconds,
            SecretLifetimeSeconds = policy.SecretLifetimeSeconds,
            SecretRotation = SecretRotations.ToWire(policy.SecretRotation),
            SecretOverlapSeconds = policy.SecretOverlapSeconds,
            IdleDisableAfterSeconds = policy.IdleDisableAfterSeconds,
            IdleDeleteAfterSeconds = policy.IdleDeleteAfterSeconds,
            SigningKeyLifetimeSeconds = policy.SigningKeyLifetimeSeconds,
            Upstream = UpstreamDefinitions.ToResponse(tenant.Upstream),
        };
    }
}
