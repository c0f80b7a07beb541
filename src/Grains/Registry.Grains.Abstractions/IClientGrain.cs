using Orleans.Concurrency;
using Registry.Protocol.Metadata;

namespace Registry.Grains.Abstractions;

/// <summary>
/// One registered client of one tenant (key: <see cref="ClientKey"/>). Owns the client's metadata and the
/// hashes of its secret and registration access token; every credential check happens inside it.
/// </summary>
[Alias("Registry.IClientGrain")]
public interface IClientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the client (RFC 7591 §3.2.1) with credentials the caller generated; the grain stores their
    /// hashes only. Idempotent: repeating the same call (a retry after a lost answer) succeeds again;
    /// any other create on a taken id answers Conflict.
    /// </summary>
    [Alias("Register")]
    Task<ClientOperationResult> Register(Immutable<ClientMetadata> metadata, string clientSecret, string registrationAccessToken);

    /// <summary>Reads the client with its registration access token (RFC 7592 §2.1).</summary>
    [Alias("Read")]
    Task<ClientOperationResult> Read(string registrationAccessToken);

    /// <summary>
    /// Replaces the metadata (RFC 7592 §2.2) and rotates the registration access token to
    /// <paramref name="newRegistrationAccessToken"/>. A client_secret echoed by the client must equal the
    /// current one. Idempotent: a retry of an update that already happened succeeds again.
    /// </summary>
    [Alias("Update")]
    Task<ClientOperationResult> Update(
        string registrationAccessToken, Immutable<ClientMetadata> metadata, string? presentedSecret, string newRegistrationAccessToken);

    /// <summary>
    /// Deletes the client (RFC 7592 §2.3): its metadata and credentials are gone, a tombstone remains.
    /// Idempotent: a retry with the token that deleted it succeeds again; to anything else the client is unknown.
    /// Answers no client information.
    /// </summary>
    [Alias("DeleteClient")]
    Task<ClientOperationResult> Delete(string registrationAccessToken);

    /// <summary>The previous version's delete, for its gateways during a rolling upgrade. Remove once none runs.</summary>
    [Alias("Delete")]
    Task<ClientOperationStatus> DeletePreviousVersion(string registrationAccessToken);

    /// <summary>
    /// Checks the client secret at the token endpoint and answers what the client may be issued — or which
    /// limit held it (failed-authentication back-off, during which even the right secret waits; the token rate).
    /// </summary>
    [Alias("Authenticate")]
    Task<ClientCredentialCheck> Authenticate(string clientSecret);
}
