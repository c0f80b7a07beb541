namespace Registry.Protocol.Metadata;

/// <summary>
/// A registered client as the registration endpoints answer it (RFC 7591 §3.2.1, RFC 7592 §3). Secrets
/// appear here in plain text only at the moment they are issued; the grain keeps hashes.
/// </summary>
public sealed record ClientInformation
{
    public required string ClientId { get; init; }

    /// <summary>The client secret, present only in the response that issued it.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Seconds since the epoch when the secret expires; 0 means never (RFC 7591 §3.2.1).</summary>
    public long ClientSecretExpiresAt { get; init; }

    public long ClientIdIssuedAt { get; init; }

    /// <summary>The registration access token valid after this response (just issued, or the one presented).</summary>
    public required string RegistrationAccessToken { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public required ClientMetadata Metadata { get; init; }
}
