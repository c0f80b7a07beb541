namespace Registry.Hosting.Configuration;

/// <summary>
/// Where the admin API (<c>/admin</c>, <c>/openapi/v1.json</c>, <c>/docs</c>) is served ("Registry:Admin"). With
/// <see cref="Urls"/> set, the gateway also listens there and serves those paths only on that listener (checked by
/// the connection's local port, not by the Host header), so the public listener never answers them.
/// </summary>
public sealed class RegistryAdminOptions
{
    /// <summary>Listener URLs of the admin API, ';'-separated (e.g. "http://127.0.0.1:5001"); unset: the public listener.</summary>
    public string? Urls { get; set; }
}
