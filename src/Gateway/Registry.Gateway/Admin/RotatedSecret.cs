using System.Text.Json;

namespace Registry.Gateway.Admin;

/// <summary>The answer to an operator's secret rotation: the new secret (shown this once) and when it and the previous one stop working.</summary>
internal sealed record RotatedSecret(string ClientId, string ClientSecret, long ClientSecretExpiresAt, DateTimeOffset? PreviousSecretExpiresAt)
{
    /// <summary>
    /// <c>client_secret_expires_at</c> as RFC 7591 writes it (0: never); <c>previous_secret_expires_at</c> in seconds since the
    /// epoch, null when the previous secret stopped working at once (no overlap, or it had expired).
    /// </summary>
    public static void Write(Utf8JsonWriter w, RotatedSecret rotated)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rotated);
        w.WriteStartObject();
        w.WriteString("client_id", rotated.ClientId);
        w.WriteString("client_secret", rotated.ClientSecret);
        w.WriteNumber("client_secret_expires_at", rotated.ClientSecretExpiresAt);
        if (rotated.PreviousSecretExpiresAt is { } previous)
        {
            w.WriteNumber("previous_secret_expires_at", previous.ToUnixTimeSeconds());
        }
        else
        {
            w.WriteNull("previous_secret_expires_at");
        }

        w.WriteEndObject();
    }
}
