using System.Text.Json.Serialization;
using Registry.Protocol.Tenancy;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>
/// A tenant's registration policy: how registrations are admitted, what clients may ask for and what they get by
/// default. Each allowed list is null for "no restriction" (the default, today's behaviour); what a client asks
/// for beyond it is refused or narrowed as <see cref="OnDisallowed"/> says (RFC 7591 §3.1 lets the server replace
/// requested values). <see cref="RegistrationPolicyValidator"/> checks a policy an operator gives.
/// </summary>
public sealed record RegistrationPolicy
{
    public static readonly IReadOnlyList<string> StandardScopes = ["openid", "profile", "email", "address", "phone", "offline_access"];

    /// <summary>How registrations are admitted (checked by the gateway, not by the validators here).</summary>
    public RegistrationMode Mode { get; init; } = RegistrationMode.AdminToken;

    /// <summary>Scopes a client may register (never <see cref="MetadataDefaults.RegisterScope"/>).</summary>
    public IReadOnlyList<string> AllowedScopes { get; init; } = StandardScopes;

    /// <summary>Scope registered when a client omits <c>scope</c> (space-delimited, may be empty).</summary>
    public string DefaultScope { get; init; } = "";

    /// <summary>Grant types registered when a client omits <c>grant_types</c>; RFC 7591 §2 says authorization_code.</summary>
    public IReadOnlyList<string> DefaultGrantTypes { get; init; } = [GrantTypes.AuthorizationCode];

    /// <summary><c>grant_types</c> values a client may register; null: every registrable one.</summary>
    public IReadOnlyList<string>? AllowedGrantTypes { get; init; }

    /// <summary><c>response_types</c> values a client may register; null: every registrable one.</summary>
    public IReadOnlyList<string>? AllowedResponseTypes { get; init; }

    /// <summary><c>token_endpoint_auth_method</c> values a client may register; null: every supported one.</summary>
    public IReadOnlyList<string>? AllowedAuthMethods { get; init; }

    /// <summary>
    /// Hosts the <c>redirect_uris</c> and <c>post_logout_redirect_uris</c> of a client may name; null: any. An entry is an
    /// exact host (<c>app.example.com</c>) or a suffix pattern (<c>*.example.com</c>: every name below example.com, not
    /// example.com itself), compared without regard to case with the host as the URI gives it in ASCII (an
    /// internationalized name in its punycode form, <c>xn--…</c>). A URI without a host (a private-use scheme such as
    /// <c>com.example.app:/cb</c>) matches no entry.
    /// </summary>
    public IReadOnlyList<string>? RedirectUriHosts { get; init; }

    /// <summary>What is done with requested values this policy does not allow: refused (default) or narrowed.</summary>
    public DisallowedHandling OnDisallowed { get; init; } = DisallowedHandling.Reject;

    /// <summary>
    /// Resources (RFC 8707 resource indicators: absolute URIs without a fragment, compared exactly) clients may ask
    /// tokens for at the authorization and token endpoints; each becomes an access token's <c>aud</c>. Empty (the
    /// default): no resource indicator is accepted, and user tokens name the tenant's issuer as their audience.
    /// </summary>
    public IReadOnlyList<string> AllowedResources { get; init; } = [];

    /// <summary>
    /// In <see cref="RegistrationMode.Open"/>: a client registered there that has not completed an authorization this
    /// many seconds later is removed. 0: never removed. Default one day.
    /// </summary>
    public int RemoveUnusedOpenClientsAfterSeconds { get; init; } = 86_400;

    /// <summary>Seconds a client secret lives from registration or rotation (<c>client_secret_expires_at</c>); 0: never expires (the default).</summary>
    public int SecretLifetimeSeconds { get; init; }

    /// <summary>When an RFC 7592 update hands a confidential client a new secret; default never.</summary>
    public SecretRotation SecretRotation { get; init; } = SecretRotation.Never;

    /// <summary>Seconds the previous secret keeps working after a rotation; default one hour, 0: it dies at once.</summary>
    public int SecretOverlapSeconds { get; init; } = 3600;

    /// <summary>A client neither used nor registered this many seconds is disabled; 0: never (the default).</summary>
    public int IdleDisableAfterSeconds { get; init; }

    /// <summary>
    /// A client disabled for being idle is deleted this many seconds later (with idle disabling off: after this many
    /// seconds unused); 0: never (the default).
    /// </summary>
    public int IdleDeleteAfterSeconds { get; init; }

    /// <summary>Seconds a signing key signs before the next one takes over; default 90 days, 0: never rotated.</summary>
    public int SigningKeyLifetimeSeconds { get; init; } = 7_776_000;

    public int DefaultTokenLifetimeSeconds { get; init; } = MetadataDefaults.TokenLifetimeSeconds;

    public int MinTokenLifetimeSeconds { get; init; } = 60;

    public int MaxTokenLifetimeSeconds { get; init; } = 86_400;

    /// <summary>
    /// Whether the URLs a client registers (jwks_uri, client_uri, logo_uri, tos_uri, policy_uri,
    /// sector_identifier_uri, initiate_login_uri) may use http and name local hosts: loopback, private,
    /// link-local and similar addresses, <c>localhost</c>. For development only; off, such URLs are refused,
    /// because the server, or whoever follows them, would reach into the deployment's own network.
    /// </summary>
    public bool AllowLocalUrls { get; init; }

    /// <summary>
    /// The grant types a client that omits <c>grant_types</c> gets: <see cref="DefaultGrantTypes"/> within
    /// <see cref="AllowedGrantTypes"/>, or, when none of them is allowed, the first allowed grant type. Defaults are the
    /// server's choice, so they are narrowed whatever <see cref="OnDisallowed"/> says.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> EffectiveDefaultGrantTypes => WithinAllowed(DefaultGrantTypes, AllowedGrantTypes);

    /// <summary>
    /// The response types a client that omits <c>response_types</c> gets: RFC 7591's default (code) when allowed,
    /// otherwise the first allowed response type.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> EffectiveDefaultResponseTypes => WithinAllowed(MetadataDefaults.ResponseTypes, AllowedResponseTypes);

    /// <summary>
    /// The token_endpoint_auth_method of a client that omits it: RFC 7591's default (client_secret_basic) when
    /// allowed, otherwise the first allowed method.
    /// </summary>
    [JsonIgnore]
    public string EffectiveDefaultAuthMethod =>
        WithinAllowed([MetadataDefaults.TokenEndpointAuthMethod], AllowedAuthMethods) is [var method, ..] ? method : MetadataDefaults.TokenEndpointAuthMethod;

    public bool AllowsScope(string scope) => AllowedScopes.Contains(scope, StringComparer.Ordinal);

    public bool AllowsGrantType(string grantType) => Allows(AllowedGrantTypes, grantType);

    public bool AllowsResponseType(string responseType) => Allows(AllowedResponseTypes, responseType);

    /// <summary>
    /// Whether clients may register <paramref name="method"/>. Public clients (<c>none</c>) only where the tenant lists
    /// it in <see cref="AllowedAuthMethods"/>: with no list, every confidential method and not <c>none</c>.
    /// </summary>
    public bool AllowsAuthMethod(string method) =>
        AllowedAuthMethods is { } allowed ? allowed.Contains(method, StringComparer.Ordinal) : method != AuthMethods.None;

    public bool AllowsResource(string resource) => AllowedResources.Contains(resource, StringComparer.Ordinal);

    /// <summary>Whether a redirect URI may name <paramref name="host"/> (see <see cref="RedirectUriHosts"/>).</summary>
    public bool AllowsRedirectHost(string host) => RedirectUriHosts is not { } patterns || patterns.Any(p => HostPatterns.Matches(p, host));

    /// <summary>
    /// This policy with its allowed scopes narrowed to <paramref name="allowedScopes"/> (the intersection, in this
    /// policy's order; the default scope narrowed likewise), as an initial access token that names scopes narrows its
    /// tenant's policy. Null leaves the policy unchanged.
    /// </summary>
    public RegistrationPolicy NarrowedTo(IReadOnlyList<string>? allowedScopes)
    {
        if (allowedScopes is null)
        {
            return this;
        }

        string[] allowed = [.. AllowedScopes.Where(s => allowedScopes.Contains(s, StringComparer.Ordinal))];
        _ = ScopeSyntax.TryParse(DefaultScope, out var defaults, out _);
        return this with
        {
            AllowedScopes = allowed,
            DefaultScope = ScopeSyntax.Normalize([.. defaults.Where(s => allowed.Contains(s, StringComparer.Ordinal))]),
        };
    }

    private static bool Allows(IReadOnlyList<string>? allowed, string value) => allowed is null || allowed.Contains(value, StringComparer.Ordinal);

    private static IReadOnlyList<string> WithinAllowed(IReadOnlyList<string> defaults, IReadOnlyList<string>? allowed)
    {
        if (allowed is null)
        {
            return defaults;
        }

        string[] within = [.. defaults.Where(d => allowed.Contains(d, StringComparer.Ordinal))];
        return within.Length > 0 ? within : [.. allowed.Take(1)];
    }
}
