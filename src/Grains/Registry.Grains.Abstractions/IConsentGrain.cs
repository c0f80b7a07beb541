namespace Registry.Grains.Abstractions;

/// <summary>
/// One user's approvals at one tenant (key: <see cref="AuthorizationKeys.Consent"/>): per client, the scopes and
/// resources the user approved, persisted. An authorization request is approved without asking again when its
/// scopes and resources are within the client's approval. At most <see cref="MaxClients"/> clients per user: the
/// oldest approval is dropped beyond it.
/// </summary>
[Alias("Registry.IConsentGrain")]
public interface IConsentGrain : IGrainWithStringKey
{
    public const int MaxClients = 500;

    /// <summary>The user's approval for <paramref name="clientId"/>; null when none.</summary>
    [Alias("Find")]
    Task<ConsentRecord?> Find(string clientId);

    /// <summary>Records (or widens: the union with what was approved before) the approval for the client. Idempotent.</summary>
    [Alias("Grant")]
    Task Grant(string subject, string clientId, string[] scopes, string[] resources);

    [Alias("List")]
    Task<ConsentRecord[]> List();

    /// <summary>Withdraws the approval for <paramref name="clientId"/>; false when there was none.</summary>
    [Alias("Revoke")]
    Task<bool> Revoke(string clientId);
}
