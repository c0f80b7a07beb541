using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tests.Infrastructure;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Tests.Tokens;

/// <summary>A next key published ahead: in the JWKS at once, signing only from its activation, without a new snapshot.</summary>
public sealed class PrePublishedKeyTests : IDisposable
{
    private const string Issuer = "https://id.example.com";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly LocalTokenSigner _signer = new();

    [Fact]
    public async Task A_next_key_is_in_the_jwks_ahead_and_signs_from_its_activation_on()
    {
        var current = _signer.NewKey(_time.GetUtcNow().AddDays(-10));
        var next = _signer.NewKey(_time.GetUtcNow().AddMinutes(30));
        using var runtime = new TenantRuntime(new TenantSnapshot("default", "registerClient", 900, new RegistrationPolicy(), [next, current], ClientIdentifiers.NewKey(), false, new ThrottlePolicy()));
        var tenant = new TenantContext(runtime, Issuer);
        var issuer = new AccessTokenIssuer(_time, _signer);
        var validator = new BearerTokenValidator(_time);

        using var jwks = JsonDocument.Parse(runtime.Jwks);
        Assert.Equal([next.KeyId, current.KeyId], jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));

        var before = await issuer.Issue(tenant, "registerClient", MetadataDefaults.RegisterScope, 3600);
        _time.Advance(TimeSpan.FromMinutes(30));
        var after = await issuer.Issue(tenant, "registerClient", MetadataDefaults.RegisterScope, 3600);

        Assert.Equal(current.KeyId, new JsonWebToken(before).Kid);
        Assert.Equal(next.KeyId, new JsonWebToken(after).Kid);
        Assert.True((await validator.ValidateAsync(tenant, before)).IsSuccess);
        Assert.True((await validator.ValidateAsync(tenant, after)).IsSuccess);
    }

    [Fact]
    public async Task Issued_tokens_carry_the_header_and_claims_of_rfc_9068()
    {
        var key = _signer.NewKey(_time.GetUtcNow().AddDays(-1));
        using var runtime = new TenantRuntime(new TenantSnapshot("default", "registerClient", 900, new RegistrationPolicy(), [key], ClientIdentifiers.NewKey(), false, new ThrottlePolicy()));
        var tenant = new TenantContext(runtime, Issuer);

        var token = new JsonWebToken(await new AccessTokenIssuer(_time, _signer).Issue(tenant, "client-1", "a b", 600, ["https://api.example/1", "https://api.example/2"]));

        Assert.Equal(("RS256", key.KeyId, "at+jwt"), (token.Alg, token.Kid, token.Typ));
        Assert.Equal((Issuer, "client-1", "client-1", "a b"), (token.Issuer, token.Subject, token.GetClaim("client_id").Value, token.GetClaim("scope").Value));
        Assert.Equal(["https://api.example/1", "https://api.example/2"], token.Audiences);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal((now, now, now + 600), (token.GetPayloadValue<long>("iat"), token.GetPayloadValue<long>("nbf"), token.GetPayloadValue<long>("exp")));
        Assert.Equal(22, token.Id.Length);
    }

    [Fact]
    public async Task A_key_the_silo_refuses_is_answered_as_the_cluster_unavailable()
    {
        using var other = new LocalTokenSigner();
        var key = other.NewKey(_time.GetUtcNow().AddDays(-1));
        using var runtime = new TenantRuntime(new TenantSnapshot("default", "registerClient", 900, new RegistrationPolicy(), [key], ClientIdentifiers.NewKey(), false, new ThrottlePolicy()));

        var refused = await Assert.ThrowsAsync<SigningKeyUnavailableException>(async () =>
            await new AccessTokenIssuer(_time, _signer).Issue(new TenantContext(runtime, Issuer), "c", "s", 600));

        Assert.True(Registry.Gateway.Http.ClusterErrors.IsTransient(refused));
    }

    public void Dispose() => _signer.Dispose();
}
