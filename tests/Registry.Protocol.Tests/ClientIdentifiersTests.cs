using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Registry.Protocol.Security;

namespace Registry.Protocol.Tests;

/// <summary>Client ids and registration access tokens carry a MAC under the tenant's key: forged ones are told apart without a lookup.</summary>
public sealed class ClientIdentifiersTests : IDisposable
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly ClientIdentifiers _tenant = new(Key, acceptsLegacy: false);
    private readonly ClientIdentifiers _legacyTenant = new(Key, acceptsLegacy: true);

    public void Dispose()
    {
        _tenant.Dispose();
        _legacyTenant.Dispose();
    }

    [Fact]
    public void A_verified_id_is_remembered_only_as_that_string_and_a_forged_one_never()
    {
        var id = _tenant.NewClientId();
        var forged = id[..^1] + (id[^1] == 'A' ? 'B' : 'A');

        Assert.True(_tenant.IsClientId(id));
        Assert.True(_tenant.IsClientId(id));
        Assert.True(_tenant.IsClientId(new string(id.AsSpan())));
        Assert.False(_tenant.IsClientId(forged));
        Assert.False(_tenant.IsClientId(forged));
        using var otherKey = new ClientIdentifiers(ClientIdentifiers.NewKey(), acceptsLegacy: false);
        Assert.False(otherKey.IsClientId(id));
    }

    [Fact]
    public void Issued_ids_and_tokens_have_their_documented_shape_and_verify()
    {
        var id = _tenant.NewClientId();
        var token = _tenant.NewRegistrationAccessToken(id);

        Assert.Equal((32, 64), (id.Length, token.Length));
        Assert.True(Base64UrlChars.IsBase64Url(id) && Base64UrlChars.IsBase64Url(token));
        Assert.True(_tenant.IsClientId(id));
        Assert.True(_tenant.IsRegistrationAccessToken(id, token));
        Assert.NotEqual(id, _tenant.NewClientId());
    }

    [Fact]
    public void The_mac_is_truncated_hmac_sha256_over_the_labelled_random_part()
    {
        var random = new byte[16];
        var mac = HMACSHA256.HashData(Key, (byte[])[.. "client_id:"u8, .. random])[..8];
        var id = Base64Url.EncodeToString([.. random, .. mac]);
        var tokenRandom = new byte[32];
        var tokenMac = HMACSHA256.HashData(Key, (byte[])[.. "registration_access_token:"u8, .. Encoding.UTF8.GetBytes(id), .. tokenRandom])[..16];
        var token = Base64Url.EncodeToString([.. tokenRandom, .. tokenMac]);

        Assert.True(_tenant.IsClientId(id));
        Assert.True(_tenant.IsRegistrationAccessToken(id, token));
    }

    [Fact]
    public void A_changed_character_or_another_tenants_key_fails_the_mac()
    {
        var id = _tenant.NewClientId();
        var token = _tenant.NewRegistrationAccessToken(id);
        var other = new ClientIdentifiers(ClientIdentifiers.NewKey(), acceptsLegacy: true);

        for (var i = 0; i < id.Length; i++)
        {
            Assert.False(_tenant.IsClientId(Flip(id, i)), $"character {i}");
        }

        for (var i = 0; i < token.Length; i++)
        {
            Assert.False(_tenant.IsRegistrationAccessToken(id, Flip(token, i)), $"character {i}");
        }

        Assert.False(other.IsClientId(id));
        Assert.False(other.IsRegistrationAccessToken(id, token));
    }

    [Fact]
    public void A_token_is_bound_to_its_client_id()
    {
        var id = _tenant.NewClientId();
        var another = _tenant.NewClientId();

        Assert.False(_tenant.IsRegistrationAccessToken(another, _tenant.NewRegistrationAccessToken(id)));
        Assert.False(_tenant.IsRegistrationAccessToken(id, id + id));
        Assert.False(_legacyTenant.IsRegistrationAccessToken(id, Secrets.NewSecret()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("registerClient")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../AAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Values_this_tenant_did_not_issue_are_not_client_ids(string value)
    {
        Assert.False(_tenant.IsClientId(value));
    }

    [Fact]
    public void A_tenant_with_legacy_clients_also_accepts_plain_ids_and_their_plain_tokens()
    {
        var legacyId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var legacyToken = Secrets.NewSecret();
        var macId = _legacyTenant.NewClientId();

        Assert.Equal((22, 43), (legacyId.Length, legacyToken.Length));
        Assert.True(_legacyTenant.IsClientId(legacyId));
        Assert.True(_legacyTenant.IsRegistrationAccessToken(legacyId, legacyToken));
        Assert.True(_legacyTenant.IsRegistrationAccessToken(legacyId, _legacyTenant.NewRegistrationAccessToken(legacyId)));
        Assert.True(_legacyTenant.IsClientId(macId));
        Assert.False(_legacyTenant.IsRegistrationAccessToken(macId, legacyToken));
        Assert.False(_legacyTenant.IsClientId("AAAAAAAAAAAAAAAAAAAAA="));
        Assert.False(_legacyTenant.IsRegistrationAccessToken(legacyId, legacyToken[..^1] + "="));

        Assert.False(_tenant.IsClientId(legacyId));
        Assert.False(_tenant.IsRegistrationAccessToken(legacyId, legacyToken));
    }

    [Fact]
    public void A_key_has_256_bits()
    {
        Assert.Equal(32, ClientIdentifiers.NewKey().Length);
        Assert.NotEqual(ClientIdentifiers.NewKey(), ClientIdentifiers.NewKey());
        Assert.Throws<ArgumentException>(() => new ClientIdentifiers(new byte[16], acceptsLegacy: false));
    }

    [Fact]
    public void Initial_access_tokens_have_their_documented_shape_and_read_back_to_their_id()
    {
        var token = _tenant.NewInitialAccessToken(out var id);

        Assert.Equal((86, 22), (token.Length, id.Length));
        Assert.Equal((86, 22), (ClientIdentifiers.InitialAccessTokenLength, ClientIdentifiers.InitialAccessTokenIdLength));
        Assert.True(Base64UrlChars.IsBase64Url(token) && Base64UrlChars.IsBase64Url(id));
        Assert.Equal(id, Base64Url.EncodeToString(Base64Url.DecodeFromChars(token).AsSpan(0, 16)));
        Assert.True(_tenant.TryReadInitialAccessToken(token, out var read));
        Assert.Equal(id, read);
        Assert.True(_legacyTenant.TryReadInitialAccessToken(token, out _));

        var another = _tenant.NewInitialAccessToken(out var anotherId);
        Assert.NotEqual((token, id), (another, anotherId));
    }

    [Fact]
    public void The_initial_access_token_mac_is_truncated_hmac_sha256_over_the_labelled_id_and_random_part()
    {
        byte[] idBytes = [.. Enumerable.Range(100, 16).Select(i => (byte)i)];
        var random = new byte[32];
        var mac = HMACSHA256.HashData(Key, (byte[])[.. "initial_access_token:"u8, .. idBytes, .. random])[..16];
        var wrongLabel = HMACSHA256.HashData(Key, (byte[])[.. "registration_access_token:"u8, .. idBytes, .. random])[..16];
        var fullMac = HMACSHA256.HashData(Key, (byte[])[.. "initial_access_token:"u8, .. idBytes, .. random]);

        Assert.True(_tenant.TryReadInitialAccessToken(Base64Url.EncodeToString([.. idBytes, .. random, .. mac]), out var id));
        Assert.Equal(Base64Url.EncodeToString(idBytes), id);
        Assert.False(_tenant.TryReadInitialAccessToken(Base64Url.EncodeToString([.. idBytes, .. random, .. wrongLabel]), out id));
        Assert.Equal("", id);
        Assert.False(_tenant.TryReadInitialAccessToken(Base64Url.EncodeToString([.. idBytes, .. random, .. fullMac]), out _));
        Assert.False(_tenant.TryReadInitialAccessToken(Base64Url.EncodeToString([.. idBytes, .. random, .. mac[..15]]), out _));
    }

    [Fact]
    public void A_changed_character_or_another_tenants_key_fails_the_initial_access_token_mac()
    {
        var token = _tenant.NewInitialAccessToken(out _);
        using var other = new ClientIdentifiers(ClientIdentifiers.NewKey(), acceptsLegacy: true);

        for (var i = 0; i < token.Length; i++)
        {
            // 'A' and 'Q' differ in the high bits, which the last character (4 padding bits) also carries.
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'Q' : 'A';
            Assert.False(_tenant.TryReadInitialAccessToken(new string(chars), out var id), $"character {i}");
            Assert.Equal("", id);
        }

        Assert.False(other.TryReadInitialAccessToken(token, out var otherId));
        Assert.Equal("", otherId);
    }

    [Fact]
    public void No_kind_of_identifier_reads_as_another()
    {
        var clientId = _tenant.NewClientId();
        var registrationToken = _tenant.NewRegistrationAccessToken(clientId);
        var initialToken = _tenant.NewInitialAccessToken(out var tokenId);

        Assert.False(_legacyTenant.TryReadInitialAccessToken(clientId, out _));
        Assert.False(_legacyTenant.TryReadInitialAccessToken(registrationToken, out _));
        Assert.False(_legacyTenant.TryReadInitialAccessToken(tokenId, out _));
        Assert.False(_legacyTenant.TryReadInitialAccessToken(Secrets.NewSecret(), out _));
        Assert.False(_legacyTenant.IsClientId(initialToken));
        Assert.False(_legacyTenant.IsClientId(initialToken[..32]));
        Assert.False(_tenant.IsClientId(tokenId));
        Assert.False(_legacyTenant.IsRegistrationAccessToken(clientId, initialToken));
        Assert.False(_legacyTenant.IsRegistrationAccessToken(clientId, initialToken[..64]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Values_this_tenant_did_not_issue_are_not_initial_access_tokens(string value)
    {
        Assert.False(_tenant.TryReadInitialAccessToken(value, out var id));
        Assert.Equal("", id);
    }

    /// <summary>The last character carries 2 bits and 4 zero bits: a non-zero one spells the same bytes another way and is refused.</summary>
    [Theory]
    [InlineData('A', 'B')]
    [InlineData('Q', 'R')]
    [InlineData('g', 'h')]
    [InlineData('w', 'x')]
    [InlineData('w', '_')]
    public void Only_the_canonical_spelling_of_an_initial_access_token_is_read(char canonical, char other)
    {
        var idBytes = new byte[16];
        var random = new byte[32];
        string token;
        do
        {
            // The last character holds the 2 low bits of the MAC's last byte: try random parts until they are the ones wanted.
            random[0]++;
            var mac = HMACSHA256.HashData(Key, (byte[])[.. "initial_access_token:"u8, .. idBytes, .. random])[..16];
            token = Base64Url.EncodeToString([.. idBytes, .. random, .. mac]);
        }
        while (token[^1] != canonical);

        Assert.True(_tenant.TryReadInitialAccessToken(token, out _));
        Assert.False(_tenant.TryReadInitialAccessToken(token[..^1] + other, out var id));
        Assert.Equal("", id);
    }

    [Fact]
    public void An_initial_access_token_with_a_character_more_or_less_is_not_read()
    {
        var token = _tenant.NewInitialAccessToken(out _);

        Assert.False(_tenant.TryReadInitialAccessToken(token + "A", out _));
        Assert.False(_tenant.TryReadInitialAccessToken(token[..^1], out _));
        Assert.False(_tenant.TryReadInitialAccessToken(token + token, out _));
    }

    private static string Flip(string value, int index)
    {
        var chars = value.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
