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

    /// <summary>
    /// <see cref="Register(Immutable{ClientMetadata}, string, string)"/> for a client listed in its tenant's
    /// client index under <paramref name="sequence"/> (handed out by the tenant): the client is stored first,
    /// then its index entry is added, then the call answers. A replay (same secret and token) adds the entry
    /// again, so a retry after a silo was lost between the two writes leaves the client listed; a listed client
    /// is always a stored one.
    /// </summary>
    [Alias("RegisterIndexed")]
    Task<ClientOperationResult> Register(Immutable<ClientMetadata> metadata, string clientSecret, string registrationAccessToken, long sequence);

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

    /// <summary>The client for an operator (never a hash); null when it does not exist or was deleted.</summary>
    [Alias("Describe")]
    Task<ClientDescription?> Describe();

    /// <summary>
    /// Disables or enables the client (idempotent). A disabled client fails authentication at the token endpoint
    /// and is refused (Unauthorized) with its registration access token; enabling it restores both.
    /// </summary>
    [Alias("SetDisabled")]
    Task<ClientAdminStatus> SetDisabled(bool disabled);

    /// <summary>
    /// Deletes the client without its registration access token: the same tombstone as <see cref="Delete"/>
    /// (which keeps the client's current token, so the client's own repeated DELETE still answers as deleted),
    /// the tenant's quota slot released, the index entry removed. Ok again for a deleted client; NotFound for
    /// one that never existed.
    /// </summary>
    [Alias("AdminDelete")]
    Task<ClientAdminStatus> AdminDelete();

    /// <summary>
    /// Records that the client completed an authorization (an authorization code it redeemed): written once, the
    /// first time. A client so marked is never removed as an unused open registration.
    /// </summary>
    [Alias("MarkAuthorized")]
    Task MarkAuthorized();

    /// <summary>
    /// For a client registered without credentials (a tenant in open registration mode): removes it, as
    /// <see cref="AdminDelete"/> does, when it has not completed an authorization (<see cref="MarkAuthorized"/>)
    /// <paramref name="after"/> from now. Kept by an Orleans reminder, so it holds across silo restarts; idempotent.
    /// </summary>
    [Alias("RemoveIfUnused")]
    Task RemoveIfUnused(TimeSpan after);

    /// <summary>
    /// The idle-client sweep's step for this client, decided from its own state (last activity = the latest of
    /// its creation, update and last use): unused for <paramref name="idleDisableAfterSeconds"/> (above 0) →
    /// disabled as idle; disabled as idle for <paramref name="idleDeleteAfterSeconds"/> (above 0) → deleted as
    /// <see cref="AdminDelete"/> does; with no idle disabling, unused for <paramref name="idleDeleteAfterSeconds"/>
    /// → deleted. An operator-disabled client is never touched. Otherwise its index entry is brought up to date.
    /// </summary>
    [Alias("ReapIfIdle")]
    Task<IdleReapResult> ReapIfIdle(int idleDisableAfterSeconds, int idleDeleteAfterSeconds);

    /// <summary>
    /// Whether the client's access tokens may be reported active (RFC 7662 introspection): deleting or disabling a
    /// client makes all its tokens inactive at once. Reads only; never changes state or "last used".
    /// </summary>
    [Alias("TokenStatus"), ReadOnly]
    Task<ClientTokenStatus> TokenStatus();

    // Secret lifecycle (expiry and rotation). New aliases: a previous version's gateways keep calling the methods above,
    // which register without an expiry and update without rotating.

    /// <summary>
    /// <see cref="Register(Immutable{ClientMetadata}, string, string, long)"/> with the secret's expiry
    /// (<c>client_secret_expires_at</c>, seconds since the epoch; 0 = never) from the tenant's secret lifetime, chosen once
    /// by the caller so a retry stores the same. Ignored for a public client (it has no secret: 0).
    /// </summary>
    [Alias("RegisterWithSecretExpiry")]
    Task<ClientOperationResult> Register(Immutable<ClientMetadata> metadata, string clientSecret, string registrationAccessToken, long sequence, long secretExpiresAt);

    /// <summary>
    /// <see cref="Update(string, Immutable{ClientMetadata}, string?, string)"/> that also rotates a confidential client's
    /// secret when <paramref name="rotation"/> says so (null: never): the answer then carries the new client_secret and
    /// its expiry; the previous secret's hash is kept for the overlap. A retry of an update that rotated answers the new
    /// secret again.
    /// </summary>
    [Alias("UpdateRotatingSecret")]
    Task<ClientOperationResult> Update(
        string registrationAccessToken, Immutable<ClientMetadata> metadata, string? presentedSecret, string newRegistrationAccessToken, SecretRotationRequest? rotation);

    /// <summary>
    /// An operator's rotation of a confidential client's secret (also of a disabled one): always rotates, keeping the
    /// previous secret for the overlap. A retry with the same new secret answers the same without rotating again.
    /// </summary>
    [Alias("RotateSecret")]
    Task<SecretRotationResult> RotateSecret(SecretRotationRequest rotation);
}
