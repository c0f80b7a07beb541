using Registry.Grains.Clients;

namespace Registry.Grains;

/// <summary>
/// Grain type names (part of every stored row's key: keep them stable) and the names hosts need for
/// per-type settings without seeing the (internal) grain classes.
/// </summary>
public static class RegistryGrainTypes
{
    public const string Client = "client";

    public const string Tenant = "tenant";

    /// <summary>A tenant's token signer (key: the tenant name): a stateless worker, no stored state.</summary>
    public const string TokenSigner = "token-signer";

    /// <summary>The one tenant index (key "all").</summary>
    public const string TenantIndex = "tenant-index";

    /// <summary>A tenant's initial access tokens (key: the tenant name).</summary>
    public const string InitialAccessTokens = "initial-access-tokens";

    /// <summary>The operator's signing keys (key "operator").</summary>
    public const string Operator = "operator";

    /// <summary>A page of a tenant's client index (key "{tenant}/{page}").</summary>
    public const string ClientIndex = "client-index";

    /// <summary>Holds no stored state; the name still stays stable across versions.</summary>
    public const string AddressGuard = "address-guard";

    /// <summary>An authorization code (key "{tenant}/{hash of the code}"); memory only.</summary>
    public const string AuthorizationCode = "authorization-code";

    /// <summary>A refresh-token family (key "{tenant}/{family id}").</summary>
    public const string RefreshFamily = "refresh-family";

    /// <summary>A user's consents at a tenant (key "{tenant}/{hash of the subject}").</summary>
    public const string Consent = "consent";

    /// <summary>A tenant's idle-client sweep (key: the tenant name); holds no stored state, only its reminder.</summary>
    public const string IdleClientSweep = "idle-client-sweep";

    /// <summary>A shard of a tenant's revoked access tokens (key "{tenant}/{0-f}").</summary>
    public const string RevokedTokens = "revoked-tokens";

    /// <summary>Full class name of the client grain (Orleans keys per-class collection ages by it).</summary>
    public static readonly string ClientGrainClassName = typeof(ClientGrain).FullName!;
}
