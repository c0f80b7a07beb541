namespace Registry.Cluster.Tests;

/// <summary>
/// The cluster transport (silo and Orleans gateway ports) is mutually authenticated TLS: an Orleans client joins
/// and calls grains only with a certificate of the cluster's CA. Without one (plain TCP, the way anyone on the
/// network could try), or with a certificate of another CA (even trusting the cluster's CA), it never gets a
/// grain call through.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class ClusterTransportSecurityTests(ClusterFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(20);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-rogue-ca-" + Guid.NewGuid().ToString("N")[..8]);

    private LocalCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_client_with_the_gateways_certificate_joins_and_calls_a_grain()
    {
        await using var inspector = await ClusterInspector.ConnectAsync(Cluster);

        var silos = await Eventually.UntilAsync(inspector.ActiveSiloPortsAsync, ports => ports.Count >= 1, TimeSpan.FromSeconds(30), "an active silo");

        Assert.NotEmpty(silos);
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_join_or_call_a_grain()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => JoinAndCallAsync(new Dictionary<string, string?> { ["Registry:Cluster:Tls:Enabled"] = "false" }));

        output.WriteLine($"refused: {refused.GetType().Name}: {refused.Message}");
        Assert.IsNotType<Microsoft.Extensions.Options.OptionsValidationException>(refused);
    }

    [Fact]
    public async Task A_client_with_a_certificate_of_another_ca_cannot_join_or_call_a_grain()
    {
        using var rogue = new TestCertificates(_folder, "Rogue CA");
        var (certificate, key) = rogue.Issue("registry-gateway", [TestCertificates.ClientAuthentication]);

        // It trusts the cluster's real CA (public knowledge) besides its own, so its certificate passes its own startup
        // checks and the silos' certificates pass its check: only the silos' check of its certificate can stop it.
        var bundle = Path.Combine(_folder, "bundle.crt");
        var authorities = (await File.ReadAllTextAsync(rogue.CaPath)) + "\n" +
            (LocalCluster.TlsEnabled ? await File.ReadAllTextAsync(Path.Combine(Cluster.TlsDirectory, "ca.crt")) : "");
        await File.WriteAllTextAsync(bundle, authorities);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => JoinAndCallAsync(new Dictionary<string, string?>
        {
            ["Registry:Cluster:Tls:Enabled"] = "true",
            ["Registry:Cluster:Tls:CertificatePath"] = certificate,
            ["Registry:Cluster:Tls:KeyPath"] = key,
            ["Registry:Cluster:Tls:CaPath"] = bundle,
        }));

        output.WriteLine($"refused: {refused.GetType().Name}: {refused.Message}");
        Assert.IsNotType<Microsoft.Extensions.Options.OptionsValidationException>(refused);
    }

    private async Task JoinAndCallAsync(IReadOnlyDictionary<string, string?> tls)
    {
        await using var inspector = await ClusterInspector.ConnectAsync(Cluster, tls, Attempt);
        var silos = await inspector.ActiveSiloCountAsync(Attempt);
        output.WriteLine($"joined and called a grain: {silos} active silos");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
