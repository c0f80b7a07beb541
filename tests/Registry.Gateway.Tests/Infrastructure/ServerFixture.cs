namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>
/// The shared server: the default tenant with the default bootstrap credentials, and tenants "acme" and
/// "globex" with their own admin clients and policies. Every test shares it from one address, so its limits are
/// raised out of reach (ThrottlingTests use a server of their own with the defaults).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string AcmeSecret = "acme-bootstrap-secret";
    public const string GlobexSecret = "globex-bootstrap-secret";

    public RegistryServer Server { get; private set; } = null!;

    public HttpClient Http => Server.Http;

    public async Task InitializeAsync() => Server = await RegistryServer.StartAsync(new Dictionary<string, string>(RegistryServer.UnthrottledTenants("default", "acme", "globex", "fast"))
    {
        ["Registry:Tenants:acme:AdminClientSecret"] = AcmeSecret,
        ["Registry:Tenants:acme:AllowedScopes:0"] = "orders.read",
        ["Registry:Tenants:acme:AllowedScopes:1"] = "orders.write",
        ["Registry:Tenants:acme:DefaultGrantTypes:0"] = "client_credentials",
        ["Registry:Tenants:globex:AdminClientId"] = "globex-admin",
        ["Registry:Tenants:globex:AdminClientSecret"] = GlobexSecret,
        ["Registry:Tenants:fast:AdminClientSecret"] = AcmeSecret,
        ["Registry:Tenants:fast:SigningAlgorithm"] = "ES256",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServerCollectionDefinition : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
