using Registry.Gateway.Http;

namespace Registry.Gateway.Telemetry;

/// <summary>Marks an endpoint as an observed OAuth operation; the name is the "endpoint"/"operation" tag value.</summary>
internal sealed record ObservedEndpoint(string Name)
{
    public const string Token = "token";
    public const string Register = "register";
    public const string ClientRead = "client_read";
    public const string ClientUpdate = "client_update";
    public const string ClientDelete = "client_delete";
    public const string Metadata = "metadata";
    public const string Jwks = "jwks";
    public const string Authorize = "authorize";
    public const string AuthorizeCallback = "authorize_callback";
    public const string Consent = "consent";
    public const string Introspect = "introspect";
    public const string Revoke = "revoke";

    /// <summary>How errors are answered at this endpoint.</summary>
    public EndpointKind Kind { get; } = Name switch
    {
        Token or Introspect or Revoke => EndpointKind.Token,
        Register or ClientRead or ClientUpdate or ClientDelete => EndpointKind.Registration,
        _ => EndpointKind.Other,
    };

    /// <summary>The kind of the endpoint a request was routed to (<see cref="EndpointKind.Other"/> when none or unobserved).</summary>
    public static EndpointKind KindOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ObservedEndpoint>()?.Kind ?? EndpointKind.Other;
}
