using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Tests;

/// <summary>
/// The cache of validated access tokens: an entry is reused only for the same tenant keys and issuer, and
/// only until the token expires. Every test first gets the token accepted (so it is cached), then presents
/// it where or when it must fail.
/// </summary>
public sealed class BearerTokenValidatorTests : IDisposable
{
    private const string Issuer = "https://id.example.com";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly LocalTokenSigner _signer = new();
    private readonly TenantRuntime _tenant;
    private readonly BearerTokenValidator _validator;
    private readonly AccessTokenIssuer _issuer;

    public BearerTokenValidatorTests()
    {
        _tenant = Runtime("default");
        _validator = new BearerTokenValidator(_time);
        _issuer = new AccessTokenIssuer(_time, _signer);
    }

    [Fact]
    public async Task A_cached_token_is_refused_in_another_tenant()
    {
        var token = Issue(new TenantContext(_tenant, Issuer), lifetimeSeconds: 900);
        using var other = Runtime("acme");

        Assert.True((await _validator.ValidateAsync(new TenantContext(_tenant, Issuer), token)).IsSuccess);
        var elsewhere = await _validator.ValidateAsync(new TenantContext(other, Issuer + "/tenants/acme"), token);

        Assert.Equal("invalid_token", elsewhere.Error?.Code);
    }

    [Fact]
    public async Task A_cached_token_is_refused_under_another_issuer_of_the_same_tenant()
    {
        var token = Issue(new TenantContext(_tenant, Issuer), lifetimeSeconds: 900);

        Assert.True((await _validator.ValidateAsync(new TenantContext(_tenant, Issuer), token)).IsSuccess);
        var otherHost = await _validator.ValidateAsync(new TenantContext(_tenant, "https://other.example.com"), token);

        Assert.Equal("invalid_token", otherHost.Error?.Code);
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_it_expires()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var token = Issue(tenant, lifetimeSeconds: 60);
        Assert.True((await _validator.ValidateAsync(tenant, token)).IsSuccess);

        _time.Advance(TimeSpan.FromSeconds(60 + 29));
        Assert.True((await _validator.ValidateAsync(tenant, token)).IsSuccess);
        _time.Advance(TimeSpan.FromSeconds(2));
        var expired = await _validator.ValidateAsync(tenant, token);
        _time.Advance(TimeSpan.FromDays(365));
        var aYearLater = await _validator.ValidateAsync(tenant, token);

        Assert.Equal("invalid_token", expired.Error?.Code);
        Assert.Equal("invalid_token", aYearLater.Error?.Code);
    }

    [Fact]
    public async Task A_cached_token_is_refused_after_the_tenants_keys_change()
    {
        var token = Issue(new TenantContext(_tenant, Issuer), lifetimeSeconds: 900);
        Assert.True((await _validator.ValidateAsync(new TenantContext(_tenant, Issuer), token)).IsSuccess);

        // The tenant as the gateway sees it after a refresh: same name, a new key set without the old key.
        using var rekeyed = Runtime("default");
        var result = await _validator.ValidateAsync(new TenantContext(rekeyed, Issuer), token);

        Assert.Equal("invalid_token", result.Error?.Code);
    }

    [Fact]
    public async Task A_token_is_refused_before_its_not_before_time()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var aheadOfUs = new AccessTokenIssuer(new FakeTimeProvider(_time.GetUtcNow().AddSeconds(31)), _signer);
        var token = await aheadOfUs.Issue(tenant, "registerClient", MetadataDefaults.RegisterScope, 900);

        var early = await _validator.ValidateAsync(tenant, token);
        _time.Advance(TimeSpan.FromSeconds(2));
        var inTime = await _validator.ValidateAsync(tenant, token);

        Assert.Equal("invalid_token", early.Error?.Code);
        Assert.True(inTime.IsSuccess);
    }

    [Fact]
    public async Task The_cached_answer_is_the_scope_the_token_carries()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var token = Issue(tenant, lifetimeSeconds: 900, scope: "register openid");

        var first = await _validator.ValidateAsync(tenant, token);
        var second = await _validator.ValidateAsync(tenant, token);

        Assert.Equal(["register", "openid"], first.Value!);
        Assert.Equal(["register", "openid"], second.Value!);
    }

    [Fact]
    public async Task On_first_sight_a_token_is_accepted_until_its_expiry_plus_the_allowed_skew()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var token = Issue(tenant, lifetimeSeconds: 60);
        var justInTime = new BearerTokenValidator(new FakeTimeProvider(_time.GetUtcNow().AddSeconds(60 + 29)));
        var tooLate = new BearerTokenValidator(new FakeTimeProvider(_time.GetUtcNow().AddSeconds(60 + 31)));

        Assert.True((await justInTime.ValidateAsync(tenant, token)).IsSuccess);
        Assert.Equal(ErrorIds.BearerInvalid, (await tooLate.ValidateAsync(tenant, token)).Error?.Id);
    }

    [Fact]
    public async Task A_token_without_expiry_or_scope_claims()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = _time.GetUtcNow().UtcDateTime;
        string Sign(DateTime? expires, Dictionary<string, object> claims) => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            TokenType = "at+jwt",
            Claims = claims,
            SigningCredentials = _signer.Credentials(_tenant.SigningKeyAt(_time.GetUtcNow()).KeyId),
        });

        var noExpiry = await _validator.ValidateAsync(tenant, Sign(null, new() { ["scope"] = "register" }));
        var noScope = await _validator.ValidateAsync(tenant, Sign(now.AddMinutes(5), new() { ["sub"] = "x" }));

        Assert.Equal(ErrorIds.BearerInvalid, noExpiry.Error?.Id);
        Assert.Empty(noScope.Value!);
    }

    [Fact]
    public async Task The_cache_of_validated_tokens_is_bounded()
    {
        var tenant = new TenantContext(_tenant, Issuer);
        var tokens = Enumerable.Range(0, 4097).Select(_ => Issue(tenant, lifetimeSeconds: 900)).ToList();

        foreach (var token in tokens.Take(4096))
        {
            Assert.True((await _validator.ValidateAsync(tenant, token)).IsSuccess);
        }

        Assert.Equal(4096, _validator.CachedTokens);
        Assert.True((await _validator.ValidateAsync(tenant, tokens[4096])).IsSuccess);
        Assert.Equal(1, _validator.CachedTokens);
        Assert.True((await _validator.ValidateAsync(tenant, tokens[0])).IsSuccess);
    }

    public void Dispose()
    {
        _tenant.Dispose();
        _signer.Dispose();
    }

    private string Issue(TenantContext tenant, int lifetimeSeconds, string scope = MetadataDefaults.RegisterScope) =>
        _issuer.Issue(tenant, "registerClient", scope, lifetimeSeconds).AsTask().GetAwaiter().GetResult();

    private TenantRuntime Runtime(string name)
    {
        var key = _signer.NewKey(_time.GetUtcNow().AddMinutes(-1));
        return new TenantRuntime(new TenantSnapshot(name, "registerClient", 900, new RegistrationPolicy(), [key], ClientIdentifiers.NewKey(), false, new ThrottlePolicy()));
    }
}
