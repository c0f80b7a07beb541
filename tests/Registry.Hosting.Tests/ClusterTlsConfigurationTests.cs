using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Testing;

namespace Registry.Hosting.Tests;

/// <summary>
/// "Registry:Cluster:Tls" is read and checked while the host is built: every bad file, key or certificate stops
/// startup with one line naming the key; a networked cluster outside Development must choose TLS explicitly.
/// </summary>
public sealed class ClusterTlsConfigurationTests : IDisposable
{
    private const string Tls = "Registry:Cluster:Tls";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-tls-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly TestCertificates _ca;
    private readonly TestCertificates _otherCa;
    private readonly (string Certificate, string Key) _silo;
    private readonly (string Certificate, string Key) _gateway;

    public ClusterTlsConfigurationTests()
    {
        _ca = new TestCertificates(Path.Combine(_folder, "ca"));
        _otherCa = new TestCertificates(Path.Combine(_folder, "other"), "Other CA");
        _silo = _ca.Issue("silo", [TestCertificates.ServerAuthentication, TestCertificates.ClientAuthentication]);
        _gateway = _ca.Issue("gateway", [TestCertificates.ClientAuthentication]);
    }

    [Fact]
    public void A_silo_with_its_certificate_key_and_ca_starts()
    {
        var options = RegistryClusterConfiguration.Read(Configuration(SiloTls()));

        Assert.True(options.Tls.IsEnabled);
        using var credentials = RegistryClusterConfiguration.LoadTls(options);
        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal(_ca.Authority.Thumbprint, Assert.Single(credentials.Authorities).Thumbprint);
    }

    [Fact]
    public void A_client_gateway_needs_only_client_authentication()
    {
        var settings = SiloTls();
        settings[$"{Tls}:CertificatePath"] = _gateway.Certificate;
        settings[$"{Tls}:KeyPath"] = _gateway.Key;
        settings["Registry:Cluster:Mode"] = "Client";
        settings["Registry:Cluster:Clustering"] = "Redis";
        settings["Registry:Cluster:RedisConnectionString"] = "127.0.0.1:6379";

        var options = RegistryClusterConfiguration.Read(Configuration(settings));

        Assert.Equal(ClusterMode.Client, options.Mode);
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "no-paths", "Registry:Cluster:Tls:CertificatePath is required when Registry:Cluster:Tls:Enabled is true" },
        { "missing-certificate", "Registry:Cluster:Tls:CertificatePath '/nonexistent/tls.crt' does not exist" },
        { "missing-key", "Registry:Cluster:Tls:KeyPath '/nonexistent/tls.key' does not exist" },
        { "missing-ca", "Registry:Cluster:Tls:CaPath '/nonexistent/ca.crt' does not exist" },
        { "garbage-certificate", "Registry:Cluster:Tls:CertificatePath '{garbage}' holds no PEM certificate" },
        { "garbage-ca", "Registry:Cluster:Tls:CaPath '{garbage}' holds no PEM certificate" },
        { "garbage-key", "Registry:Cluster:Tls:KeyPath '{garbage}' holds no unencrypted PEM private key" },
        { "other-key", "is not the private key of the certificate in Registry:Cluster:Tls:CertificatePath" },
        { "other-ca", "Registry:Cluster:Tls:CertificatePath: the certificate does not chain to a certificate authority of Registry:Cluster:Tls:CaPath" },
        { "expired", "Registry:Cluster:Tls:CertificatePath: the certificate is valid from" },
        { "client-only-silo", "the certificate's extended key usage must include serverAuth and clientAuth" },
        { "production-redis-unset", "Registry:Cluster:Tls:Enabled must be set explicitly with Redis clustering outside Development" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_stops_startup_with_one_line_naming_its_key(string @case, string expected)
    {
        var garbage = Path.Combine(_folder, "garbage.pem");
        File.WriteAllText(garbage, "not a PEM file\n");
        var settings = Bad(@case, garbage);

        var exception = Assert.Throws<OptionsValidationException>(() => RegistryClusterConfiguration.Read(Configuration(settings)));

        var message = StartupErrors.Describe(exception);
        Assert.NotNull(message);
        Assert.Contains(expected.Replace("{garbage}", garbage, StringComparison.Ordinal), message, StringComparison.Ordinal);
        Assert.StartsWith("Registry cannot start: invalid configuration: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "false")]
    [InlineData("Production", "true")]
    public void A_redis_cluster_starts_in_development_or_with_an_explicit_choice(string environment, string? enabled)
    {
        var settings = enabled == "true" ? SiloTls() : [];
        settings["environment"] = environment;
        settings["Registry:Cluster:Clustering"] = "Redis";
        settings["Registry:Cluster:RedisConnectionString"] = "127.0.0.1:6379";
        if (enabled is not null)
        {
            settings[$"{Tls}:Enabled"] = enabled;
        }

        var options = RegistryClusterConfiguration.Read(Configuration(settings));

        Assert.Equal(enabled == "true", options.Tls.IsEnabled);
    }

    [Fact]
    public void The_embedded_default_needs_no_tls_setting_in_production()
    {
        var options = RegistryClusterConfiguration.Read(Configuration(new() { ["environment"] = "Production" }));

        Assert.False(options.Tls.IsEnabled);
    }

    [Fact]
    public void A_peer_is_accepted_only_with_a_certificate_of_the_configured_ca()
    {
        using var credentials = ClusterTlsCredentials.Load(Options(_silo), ClusterTlsRole.Silo);
        using var peer = X509Certificate2.CreateFromPem(File.ReadAllText(_gateway.Certificate));
        var (otherCertificate, _) = _otherCa.Issue("intruder", [TestCertificates.ClientAuthentication]);
        using var intruder = X509Certificate2.CreateFromPem(File.ReadAllText(otherCertificate));

        Assert.True(credentials.ValidatePeer(peer, null, SslPolicyErrors.None));

        // The system store does not know the cluster's CA, and silos are reached by IP: both errors are expected and re-checked.
        Assert.True(credentials.ValidatePeer(peer, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(credentials.ValidatePeer(intruder, null, SslPolicyErrors.None));
        Assert.False(credentials.ValidatePeer(null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void A_ca_bundle_with_old_and_new_authorities_accepts_both_during_a_rotation()
    {
        var bundle = Path.Combine(_folder, "bundle.crt");
        File.WriteAllText(bundle, File.ReadAllText(_ca.CaPath) + File.ReadAllText(_otherCa.CaPath));
        var options = Options(_silo);
        options.CaPath = bundle;
        using var credentials = ClusterTlsCredentials.Load(options, ClusterTlsRole.Silo);
        var (newCertificate, _) = _otherCa.Issue("new-silo", [TestCertificates.ServerAuthentication, TestCertificates.ClientAuthentication]);
        using var rotated = X509Certificate2.CreateFromPem(File.ReadAllText(newCertificate));
        using var old = X509Certificate2.CreateFromPem(File.ReadAllText(_gateway.Certificate));

        Assert.Equal(2, credentials.Authorities.Count);
        Assert.True(credentials.ValidatePeer(rotated, null, SslPolicyErrors.None));
        Assert.True(credentials.ValidatePeer(old, null, SslPolicyErrors.None));
    }

    private Dictionary<string, string?> Bad(string @case, string garbage)
    {
        var settings = SiloTls();
        switch (@case)
        {
            case "no-paths":
                settings.Remove($"{Tls}:CertificatePath");
                settings.Remove($"{Tls}:KeyPath");
                settings.Remove($"{Tls}:CaPath");
                break;
            case "missing-certificate":
                settings[$"{Tls}:CertificatePath"] = "/nonexistent/tls.crt";
                break;
            case "missing-key":
                settings[$"{Tls}:KeyPath"] = "/nonexistent/tls.key";
                break;
            case "missing-ca":
                settings[$"{Tls}:CaPath"] = "/nonexistent/ca.crt";
                break;
            case "garbage-certificate":
                settings[$"{Tls}:CertificatePath"] = garbage;
                break;
            case "garbage-ca":
                settings[$"{Tls}:CaPath"] = garbage;
                break;
            case "garbage-key":
                settings[$"{Tls}:KeyPath"] = garbage;
                break;
            case "other-key":
                settings[$"{Tls}:KeyPath"] = _gateway.Key;
                break;
            case "other-ca":
                settings[$"{Tls}:CaPath"] = _otherCa.CaPath;
                break;
            case "expired":
                var (expired, expiredKey) = _ca.Issue("expired", [TestCertificates.ServerAuthentication, TestCertificates.ClientAuthentication],
                    DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
                settings[$"{Tls}:CertificatePath"] = expired;
                settings[$"{Tls}:KeyPath"] = expiredKey;
                break;
            case "client-only-silo":
                settings[$"{Tls}:CertificatePath"] = _gateway.Certificate;
                settings[$"{Tls}:KeyPath"] = _gateway.Key;
                break;
            case "production-redis-unset":
                settings = new()
                {
                    ["environment"] = "Production",
                    ["Registry:Cluster:Clustering"] = "Redis",
                    ["Registry:Cluster:RedisConnectionString"] = "127.0.0.1:6379",
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, null);
        }

        return settings;
    }

    private Dictionary<string, string?> SiloTls() => new()
    {
        [$"{Tls}:Enabled"] = "true",
        [$"{Tls}:CertificatePath"] = _silo.Certificate,
        [$"{Tls}:KeyPath"] = _silo.Key,
        [$"{Tls}:CaPath"] = _ca.CaPath,
    };

    private RegistryClusterTlsOptions Options((string Certificate, string Key) pair) =>
        new() { Enabled = true, CertificatePath = pair.Certificate, KeyPath = pair.Key, CaPath = _ca.CaPath };

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
