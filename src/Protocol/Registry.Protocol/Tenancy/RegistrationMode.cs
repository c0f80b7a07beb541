namespace Registry.Protocol.Tenancy;

/// <summary>How a tenant admits registrations at <c>POST /register</c> (wire names in <see cref="RegistrationModes"/>).</summary>
public enum RegistrationMode
{
    /// <summary>A register-scoped token of the tenant's admin client (RFC 7591 §3: the server's own access token). The default.</summary>
    AdminToken,

    /// <summary>An initial access token the operator issued (RFC 7591 §1.2, §3), or the admin client's register-scoped token.</summary>
    InitialAccessToken,

    /// <summary>Open registration: no token at all (RFC 7591 §3), under the tenant's limits and policy.</summary>
    Open,

    /// <summary>A signed software statement (RFC 7591 §2.3). Reserved: a valid policy value that the gateway does not serve yet.</summary>
    SoftwareStatement,
}
