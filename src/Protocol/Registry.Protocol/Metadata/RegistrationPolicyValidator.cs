using Registry.Protocol.Errors;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>
/// Checks a <see cref="RegistrationPolicy"/> an operator gives (configuration, the admin API) before it is served: every
/// allowed grant type, response type and auth method one Registry knows, allowed lists of grant types and auth
/// methods not empty (nothing could register), scopes of RFC 6749 §3.3 syntax and never the reserved register scope,
/// defaults within what is allowed, redirect host entries that are host names or "*." and one, and
/// 1 &lt;= min &lt;= default &lt;= max &lt;= <see cref="MaxTokenLifetimeSeconds"/> for access-token lifetimes. Every mode is
/// a valid policy value (the gateway refuses the modes it does not serve). The first problem is reported as
/// <c>invalid_request</c> / <see cref="ErrorIds.PolicyInvalid"/>, its description starting with the member's wire name.
/// </summary>
public static class RegistrationPolicyValidator
{
    /// <summary>The longest access-token lifetime a policy may allow: 7 days.</summary>
    public const int MaxTokenLifetimeSeconds = 7 * 24 * 3600;

    public static OAuthError? Validate(RegistrationPolicy policy)
    {
        var problem = Enumerations(policy)
            ?? Scopes(policy)
            ?? Known("allowed_grant_types", policy.AllowedGrantTypes, GrantTypes.Registrable, mayBeEmpty: false)
            ?? Known("default_grant_types", policy.DefaultGrantTypes, GrantTypes.Registrable, mayBeEmpty: false)
            ?? DefaultGrantsAllowed(policy)
            ?? Known("allowed_response_types", policy.AllowedResponseTypes, ResponseTypes.Registrable, mayBeEmpty: true)
            ?? Known("allowed_token_endpoint_auth_methods", policy.AllowedAuthMethods, AuthMethods.Supported, mayBeEmpty: false)
            ?? Hosts(policy.RedirectUriHosts)
            ?? Resources(policy)
            ?? Lifetimes(policy)
            ?? Lifecycle(policy);
        return problem is null ? null : OAuthError.InvalidRequest(ErrorIds.PolicyInvalid, problem);
    }

    /// <summary>Allowed resources: at most 100 absolute URIs without a fragment (RFC 8707 §2); the removal delay of open clients not negative.</summary>
    private static string? Resources(RegistrationPolicy policy)
    {
        if (policy.AllowedResources.Count > 100)
        {
            return "allowed_resources may list at most 100 resources";
        }

        var bad = policy.AllowedResources.FirstOrDefault(r =>
            r.Length is 0 or > 2048 || !Uri.TryCreate(r, UriKind.Absolute, out var uri) || uri.IsFile || r.Contains('#', StringComparison.Ordinal));
        if (bad is not null)
        {
            return $"allowed_resources contains '{bad}': resources are absolute URIs without a fragment";
        }

        return policy.RemoveUnusedOpenClientsAfterSeconds < 0 ? "remove_unused_open_clients_after_seconds must not be negative" : null;
    }

    private static string? Enumerations(RegistrationPolicy policy)
    {
        if (!Enum.IsDefined(policy.Mode))
        {
            return $"registration_mode must be one of {string.Join(' ', RegistrationModes.All)}";
        }

        return Enum.IsDefined(policy.OnDisallowed) ? null : $"on_disallowed must be one of {string.Join(' ', DisallowedHandlings.All)}";
    }

    private static string? Scopes(RegistrationPolicy policy)
    {
        var bad = policy.AllowedScopes.FirstOrDefault(s => !ScopeSyntax.IsScopeToken(s) || s == MetadataDefaults.RegisterScope);
        if (bad is not null)
        {
            return $"allowed_scopes contains '{bad}': scopes are RFC 6749 scope tokens and '{MetadataDefaults.RegisterScope}' is reserved";
        }

        if (!ScopeSyntax.TryParse(policy.DefaultScope, out var defaults, out var invalid))
        {
            return $"default_scope contains the invalid scope token '{invalid}'";
        }

        var outside = defaults.FirstOrDefault(s => !policy.AllowsScope(s));
        return outside is null ? null : $"default_scope contains '{outside}', which allowed_scopes does not";
    }

    private static string? Known(string member, IReadOnlyList<string>? values, IReadOnlyList<string> known, bool mayBeEmpty)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count == 0 && !mayBeEmpty)
        {
            return $"{member} must not be empty";
        }

        var unknown = values.FirstOrDefault(v => !known.Contains(v, StringComparer.Ordinal));
        return unknown is null ? null : $"{member} contains the unknown value '{unknown}'; known: {string.Join(' ', known)}";
    }

    private static string? DefaultGrantsAllowed(RegistrationPolicy policy)
    {
        var outside = policy.DefaultGrantTypes.FirstOrDefault(g => !policy.AllowsGrantType(g));
        return outside is null ? null : $"default_grant_types contains '{outside}', which allowed_grant_types does not";
    }

    private static string? Hosts(IReadOnlyList<string>? hosts)
    {
        var bad = hosts?.FirstOrDefault(h => !HostPatterns.IsValid(h));
        return bad is null
            ? null
            : $"redirect_uri_hosts contains '{bad}': entries are host names (app.example.com) or '*.' and one (*.example.com), without scheme, port or path";
    }

    /// <summary>The longest secret, idle and signing-key period a policy may set: 10 years.</summary>
    public const int MaxLifecycleSeconds = 315_360_000;

    /// <summary>The shortest signing-key lifetime: one hour (a key must outlive the tokens it signs by a margin).</summary>
    public const int MinSigningKeyLifetimeSeconds = 3600;

    private static string? Lifecycle(RegistrationPolicy policy)
    {
        (string Name, int Value)[] periods =
        [
            ("secret_lifetime_seconds", policy.SecretLifetimeSeconds),
            ("secret_overlap_seconds", policy.SecretOverlapSeconds),
            ("idle_disable_after_seconds", policy.IdleDisableAfterSeconds),
            ("idle_delete_after_seconds", policy.IdleDeleteAfterSeconds),
            ("signing_key_lifetime_seconds", policy.SigningKeyLifetimeSeconds),
        ];
        foreach (var (name, value) in periods)
        {
            if (value is < 0 or > MaxLifecycleSeconds)
            {
                return $"{name} ({value}) must be between 0 and {MaxLifecycleSeconds}";
            }
        }

        if (!Enum.IsDefined(policy.SecretRotation))
        {
            return $"secret_rotation must be one of {string.Join(' ', SecretRotations.All)}";
        }

        if (policy.SecretRotation == SecretRotation.NearExpiry && policy.SecretLifetimeSeconds == 0)
        {
            return "secret_rotation near_expiry needs a secret_lifetime_seconds above 0";
        }

        if (policy.SecretLifetimeSeconds > 0 && policy.SecretOverlapSeconds >= policy.SecretLifetimeSeconds)
        {
            return $"secret_overlap_seconds ({policy.SecretOverlapSeconds}) must be below secret_lifetime_seconds ({policy.SecretLifetimeSeconds})";
        }

        var key = policy.SigningKeyLifetimeSeconds;
        var least = Math.Max(MinSigningKeyLifetimeSeconds, policy.MaxTokenLifetimeSeconds);
        return key != 0 && key < least
            ? $"signing_key_lifetime_seconds ({key}) must be 0 or at least {least} (one hour, and the longest token lifetime)"
            : null;
    }

    private static string? Lifetimes(RegistrationPolicy policy)
    {
        var (min, value, max) = (policy.MinTokenLifetimeSeconds, policy.DefaultTokenLifetimeSeconds, policy.MaxTokenLifetimeSeconds);
        if (min < 1)
        {
            return $"min_token_lifetime_seconds ({min}) must be at least 1";
        }

        if (max > MaxTokenLifetimeSeconds)
        {
            return $"max_token_lifetime_seconds ({max}) must be at most {MaxTokenLifetimeSeconds}";
        }

        return value < min || value > max
            ? $"default_token_lifetime_seconds ({value}) must be between min_token_lifetime_seconds ({min}) and max_token_lifetime_seconds ({max})"
            : null;
    }
}
