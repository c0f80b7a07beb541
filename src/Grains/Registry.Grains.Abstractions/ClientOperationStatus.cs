namespace Registry.Grains.Abstractions;

/// <summary>How a client grain answered a registration operation.</summary>
[GenerateSerializer]
[Alias("Registry.ClientOperationStatus")]
public enum ClientOperationStatus
{
    Ok = 0,

    /// <summary>Unknown client or wrong registration access token: answered 401, whichever it was.</summary>
    Unauthorized = 1,

    /// <summary>A create hit an existing client id.</summary>
    Conflict = 2,

    /// <summary>An update echoed a client_secret that is not the current one.</summary>
    SecretMismatch = 3,

    /// <summary>Too many wrong registration access tokens for this client: it backs off, whatever token is presented.</summary>
    Throttled = 4,
}
