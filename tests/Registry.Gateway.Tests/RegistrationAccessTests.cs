using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Registry.Gateway.Tenancy;
using Registry.Gateway.Tokens;
using Registry.Grains.Abstractions;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Throttling;

namespace Registry.Gateway.Tests;

/// <summary>How the registration endpoints read their bearer tokens (RFC 6750 §2.1), before anything is asked of a grain.</summary>
public sealed class RegistrationAccessTests
{
    private const string LegacyClientId = "AAAAAAAAAAAAAAAAAAAAAA";

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER   abc  ", "abc")]
    [InlineData("Bearer ", null)]
    [InlineData("Bearer    ", null)]
    [InlineData("Basic abc", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void A_bearer_token_is_read_from_the_authorization_header_only(string header, string? token)
    {
        Assert.Equal(token, BearerTokenValidator.ReadBearer(Request(header)));
    }

    [Fact]
    public void Tokens_up_to_8192_characters_are_read_and_longer_ones_are_not()
    {
        var longest = new string('a', 8192);

        Assert.Equal(longest, BearerTokenValidator.ReadBearer(Request("Bearer " + longest)));
        Assert.Null(BearerTokenValidator.ReadBearer(Request("Bearer " + longest + "a")));
    }

    [Fact]
    public void A_registration_token_is_read_only_when_the_client_id_and_the_token_carry_this_tenants_mac()
    {
        using var tenant = Runtime(acceptsLegacy: false);
        using var other = Runtime(acceptsLegacy: false);
        var id = tenant.Identifiers.NewClientId();
        var token = tenant.Identifiers.NewRegistrationAccessToken(id);

        Assert.Equal(token, RegistrationAccess.TokenFor(Request("Bearer " + token), tenant, id));
        Assert.Null(RegistrationAccess.TokenFor(Request("Bearer " + token), other, id));
        Assert.Null(RegistrationAccess.TokenFor(Request("Bearer " + tenant.Identifiers.NewRegistrationAccessToken(tenant.Identifiers.NewClientId())), tenant, id));
        Assert.Null(RegistrationAccess.TokenFor(Request("Bearer " + Secrets.NewSecret()), tenant, id));
        Assert.Null(RegistrationAccess.TokenFor(Request(""), tenant, id));
    }

    [Theory]
    [InlineData(LegacyClientId, true, "rat4567890123456789012345678901234567890123")]
    [InlineData(LegacyClientId, false, null)]
    [InlineData("not-a-client-id", true, null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA", true, null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA!", true, null)]
    public void A_plain_client_id_and_token_are_read_only_in_a_tenant_that_had_clients_before_ids_carried_a_mac(string clientId, bool acceptsLegacy, string? token)
    {
        using var tenant = Runtime(acceptsLegacy);

        Assert.Equal(token, RegistrationAccess.TokenFor(Request("Bearer rat4567890123456789012345678901234567890123"), tenant, clientId));
    }

    private static TenantRuntime Runtime(bool acceptsLegacy)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new PublicSigningKey("k", "ES256", ec.ExportSubjectPublicKeyInfo(), DateTimeOffset.UtcNow);
        return new TenantRuntime(new TenantSnapshot("t", "registerClient", 900, new RegistrationPolicy(), [key], ClientIdentifiers.NewKey(), acceptsLegacy, new ThrottlePolicy()));
    }

    private static HttpRequest Request(string authorization)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = authorization;
        return http.Request;
    }
}
