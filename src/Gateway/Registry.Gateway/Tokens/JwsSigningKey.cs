using System.Buffers.Text;

namespace Registry.Gateway.Tokens;

/// <summary>
/// A tenant key the gateway signs with (through the silo): its id, when it starts signing, and its JWS header
/// <c>{"alg","kid","typ":"at+jwt"}</c> already base64url-encoded (ASCII), so a token's header costs nothing per request.
/// </summary>
internal sealed class JwsSigningKey
{
    public JwsSigningKey(string keyId, string algorithm, DateTimeOffset activatesAt)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        ActivatesAt = activatesAt;
        var header = Http.JsonWriting.ToBytes(w =>
        {
            w.WriteStartObject();
            w.WriteString("alg", algorithm);
            w.WriteString("kid", keyId);
            w.WriteString("typ", AccessTokenIssuer.TokenType);
            w.WriteEndObject();
        });
        EncodedHeader = new byte[Base64Url.GetEncodedLength(header.Length)];
        Base64Url.EncodeToUtf8(header, EncodedHeader);
    }

    public string KeyId { get; }

    public string Algorithm { get; }

    public DateTimeOffset ActivatesAt { get; }

    public byte[] EncodedHeader { get; }
}
