using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.MicroBenchmarks;

/// <summary>
/// Access-token signing and validation as the gateway does them, next to the raw cost of the signature
/// itself: the machine's bound for /token. The Parallel variants use every core (the bound of a server).
/// </summary>
public class JwtBenchmarks
{
    private const int Batch = 256;
    private readonly byte[] _payload = Encoding.UTF8.GetBytes("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjUwMDAiLCJzdWIiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIn0");
    private RSA _rsa = null!;
    private ECDsa _ecdsa = null!;
    private TenantContext _tenant = null!;
    private AccessTokenIssuer _issuer = null!;
    private string _token = "";
    private readonly BearerTokenValidator _validator = new(TimeProvider.System);

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new PublicSigningKey("bench", "RS256", _rsa.ExportSubjectPublicKeyInfo(), DateTimeOffset.UtcNow);
        _issuer = new AccessTokenIssuer(TimeProvider.System, new InProcessSigner(_rsa));
        var runtime = new TenantRuntime(new TenantSnapshot("default", "registerClient", 900, new RegistrationPolicy(), [key], ClientIdentifiers.NewKey(), false, new ThrottlePolicy()));
        _tenant = new TenantContext(runtime, "http://127.0.0.1:5000");
        _token = _issuer.Issue(_tenant, "registerClient", "register", 900).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "RS256: raw RSA-2048 PKCS#1 SHA-256 signature")]
    public int RsaSign() => _rsa.SignData(_payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Length;

    [Benchmark(Description = "RS256: raw signatures on every core", OperationsPerInvoke = Batch)]
    public void RsaSignParallel() => Parallel.For(0, Batch, _ => _rsa.SignData(_payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    [Benchmark(Description = "ES256: raw P-256 ECDSA signature")]
    public int EcdsaSign() => _ecdsa.SignData(_payload, HashAlgorithmName.SHA256).Length;

    [Benchmark(Description = "ES256: raw signatures on every core", OperationsPerInvoke = Batch)]
    public void EcdsaSignParallel() => Parallel.For(0, Batch, _ => _ecdsa.SignData(_payload, HashAlgorithmName.SHA256));

    [Benchmark(Description = "access token: create (gateway issuer, signed in process)")]
    public async Task<int> CreateAccessToken() => (await _issuer.Issue(_tenant, "AAAAAAAAAAAAAAAAAAAAAA", "openid profile", 1800)).Length;

    [Benchmark(Description = "access token: validate, first sight (register endpoint)")]
    public async Task<bool> ValidateAccessToken() => (await new BearerTokenValidator(TimeProvider.System).ValidateAsync(_tenant, _token)).IsSuccess;

    [Benchmark(Description = "access token: validate, seen before (register endpoint)")]
    public async Task<bool> ValidateKnownAccessToken() => (await _validator.ValidateAsync(_tenant, _token)).IsSuccess;
}
