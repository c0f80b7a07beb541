using Registry.Protocol.Metadata;

namespace Registry.Grains;

[GenerateSerializer]
[Alias("Registry.ClientOperationStatus")]
public enum ClientOperationStatus
{
    Ok = 0,

    /// <summary>Unknown client or wrong registration access token: answered 401, whichever it was.</summary>
    Unauthorized = 1,

    /// <summary>A create hit an existing client id.</summary>
    Conflict = 2,

    /// <summary>An update echoed a client_secret that is not the current one.</summary>
    SecretMismatch = 3,
}

/// <summary>The answer of a client grain's registration operations.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientOperationResult")]
public sealed record ClientOperationResult(
    [property: Id(0)] ClientOperationStatus Status,
    [property: Id(1)] ClientInformation? Client)
{
    public static readonly ClientOperationResult Unauthorized = new(ClientOperationStatus.Unauthorized, null);

    public static readonly ClientOperationResult Conflict = new(ClientOperationStatus.Conflict, null);

    public static readonly ClientOperationResult SecretMismatch = new(ClientOperationStatus.SecretMismatch, null);
}

/// <summary>What a client authenticated at the token endpoint may be issued.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.ClientCredentialCheck")]
public sealed record ClientCredentialCheck(
    [property: Id(0)] bool Authenticated,
    [property: Id(1)] string[] GrantTypes,
    [property: Id(2)] string Scope,
    [property: Id(3)] int TokenLifetimeSeconds)
{
    public static readonly ClientCredentialCheck Failed = new(false, [], "", 0);
}

/// <summary>A signing key of a tenant, with its private part (the gateway signs tokens with it).</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.SigningKeyMaterial")]
public sealed record SigningKeyMaterial(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Algorithm,
    [property: Id(2)] byte[] Pkcs8PrivateKey,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>Everything the gateway needs to serve a tenant; cached there.</summary>
[GenerateSerializer, Immutable]
[Alias("Registry.TenantSnapshot")]
public sealed record TenantSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] string AdminClientId,
    [property: Id(2)] int AdminTokenLifetimeSeconds,
    [property: Id(3)] RegistrationPolicy Policy,
    [property: Id(4)] SigningKeyMaterial[] SigningKeys);
