namespace Registry.Gateway.Tokens;

/// <summary>
/// The silo refused to sign with the key the gateway picked (the gateway's view of the tenant's keys is behind, or
/// the silo cannot decrypt the key): answered as the cluster being unavailable (503, retry), never as a client error.
/// </summary>
internal sealed class SigningKeyUnavailableException(string tenant, string keyId)
    : Exception($"Tenant '{tenant}': the cluster did not sign with key {keyId}");
