using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Security;

namespace Registry.Gateway.Tokens;

/// <summary>
/// Issues JWT access tokens (RFC 7519, RFC 9068 "at+jwt" type) signed with the tenant's current key. A client's own
/// token (client_credentials): iss, sub = client_id, client_id, scope, iat, nbf, exp, jti, and aud when resources were
/// indicated (RFC 8707). A user's token (authorization_code, refresh_token): sub = the user's subject at the tenant's
/// upstream provider, idp = that provider's issuer, auth_time, and aud = the resources, or the tenant's issuer when
/// none was indicated (RFC 9068 §2.2 requires an audience). The key id is in the header.
/// The gateway writes header and payload itself (the header is encoded once per key, see <see cref="JwsSigningKey"/>)
/// and only the signature comes from the silo, which alone holds private keys (<see cref="ITokenSigner"/>).
/// </summary>
internal sealed class AccessTokenIssuer(TimeProvider time, ITokenSigner signer)
{
    public const string TokenType = "at+jwt";

    // One payload buffer and writer per thread, reused: writing completes before the first await.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public ValueTask<string> Issue(TenantContext tenant, string clientId, string scope, int lifetimeSeconds, IReadOnlyList<string>? audiences = null)
    {
        var (key, now) = Key(tenant);
        var w = Payload();
        w.WriteString("iss", tenant.Issuer);
        w.WriteString("sub", clientId);
        w.WriteString("client_id", clientId);
        w.WriteString("scope", scope);
        w.WriteString("jti", Secrets.NewTokenId());
        if (audiences is { Count: > 0 })
        {
            WriteAudience(w, audiences);
        }

        return SignAsync(tenant, key, w, now, lifetimeSeconds);
    }

    /// <summary>A token for the user of <paramref name="grant"/>, for <paramref name="audiences"/> (a subset of the grant's resources).</summary>
    public ValueTask<string> IssueForUser(TenantContext tenant, AuthorizationGrant grant, string scope, IReadOnlyList<string> audiences, int lifetimeSeconds)
    {
        var (key, now) = Key(tenant);
        var w = Payload();
        w.WriteString("iss", tenant.Issuer);
        w.WriteString("sub", grant.Subject);
        if (audiences.Count > 0)
        {
            WriteAudience(w, audiences);
        }
        else
        {
            w.WriteString("aud", tenant.Issuer);
        }

        w.WriteString("client_id", grant.ClientId);
        w.WriteString("scope", scope);
        w.WriteNumber("auth_time", grant.AuthTime.ToUnixTimeSeconds());
        w.WriteString("idp", grant.IdentityProvider);
        w.WriteString("jti", Secrets.NewTokenId());
        return SignAsync(tenant, key, w, now, lifetimeSeconds);
    }

    private (JwsSigningKey Key, DateTimeOffset Now) Key(TenantContext tenant)
    {
        var now = time.GetUtcNow();
        return (tenant.Tenant.SigningKeyAt(now), now);
    }

    private static Utf8JsonWriter Payload()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        return writer;
    }

    private static void WriteAudience(Utf8JsonWriter w, IReadOnlyList<string> audiences)
    {
        if (audiences.Count == 1)
        {
            w.WriteString("aud", audiences[0]);
            return;
        }

        w.WriteStartArray("aud");
        foreach (var audience in audiences)
        {
            w.WriteStringValue(audience);
        }

        w.WriteEndArray();
    }

    private ValueTask<string> SignAsync(TenantContext tenant, JwsSigningKey key, Utf8JsonWriter w, DateTimeOffset now, int lifetimeSeconds)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        w.WriteNumber("iat", issuedAt);
        w.WriteNumber("nbf", issuedAt);
        w.WriteNumber("exp", issuedAt + lifetimeSeconds);
        w.WriteEndObject();
        w.Flush();

        // The JWS signing input (RFC 7515 §5.1): ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        var payload = t_buffer!.WrittenSpan;
        var header = key.EncodedHeader;
        var input = new byte[header.Length + 1 + Base64Url.GetEncodedLength(payload.Length)];
        header.CopyTo(input, 0);
        input[header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, input.AsSpan(header.Length + 1));

        var signing = signer.SignAsync(tenant.Name, key.KeyId, input);
        return signing.IsCompletedSuccessfully
            ? ValueTask.FromResult(Compact(tenant, key, input, signing.Result))
            : CompactLaterAsync(tenant, key, input, signing);
    }

    private static async ValueTask<string> CompactLaterAsync(TenantContext tenant, JwsSigningKey key, byte[] input, ValueTask<byte[]> signing) =>
        Compact(tenant, key, input, await signing);

    /// <summary>The JWS compact serialization: the signing input, '.', BASE64URL(signature).</summary>
    private static string Compact(TenantContext tenant, JwsSigningKey key, byte[] input, byte[] signature)
    {
        if (signature.Length == 0)
        {
            throw new SigningKeyUnavailableException(tenant.Name, key.KeyId);
        }

        return string.Create(input.Length + 1 + Base64Url.GetEncodedLength(signature.Length), (input, signature), static (chars, s) =>
        {
            var written = Encoding.ASCII.GetChars(s.input, chars);
            chars[written] = '.';
            Base64Url.EncodeToChars(s.signature, chars[(written + 1)..]);
        });
    }
}
