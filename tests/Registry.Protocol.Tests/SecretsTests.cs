using System.Security.Cryptography;
using System.Text;
using Registry.Protocol.Security;

namespace Registry.Protocol.Tests;

public sealed class SecretsTests
{
    [Fact]
    public void Secrets_carry_256_bits_and_token_ids_128_bits_base64url()
    {
        var secret = Secrets.NewSecret();
        var tokenId = Secrets.NewTokenId();

        Assert.Equal((43, 22), (secret.Length, tokenId.Length));
        Assert.True(Base64UrlChars.IsBase64Url(secret) && Base64UrlChars.IsBase64Url(tokenId));
    }

    [Fact]
    public void Generated_values_do_not_repeat()
    {
        var values = Enumerable.Range(0, 10_000).Select(_ => Secrets.NewSecret()).ToHashSet();

        Assert.Equal(10_000, values.Count);
    }

    [Fact]
    public void Hash_is_sha256_of_the_utf8_secret()
    {
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("password")), Secrets.Hash("password"));
    }

    [Fact]
    public void Matches_accepts_only_the_exact_secret()
    {
        var secret = Secrets.NewSecret();
        var hash = Secrets.Hash(secret);

        Assert.True(Secrets.Matches(secret, hash));
        Assert.False(Secrets.Matches(secret[..^1], hash));
        Assert.False(Secrets.Matches(secret + "x", hash));
        Assert.False(Secrets.Matches(secret.ToUpperInvariant(), hash));
        Assert.False(Secrets.Matches(null, hash));
        Assert.False(Secrets.Matches(secret, null));
        Assert.False(Secrets.Matches(secret, []));
        Assert.False(Secrets.Matches(new string('a', 10_000), hash));
    }
}
