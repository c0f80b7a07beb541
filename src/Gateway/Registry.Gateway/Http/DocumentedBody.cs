namespace Registry.Gateway.Http;

/// <summary>
/// The request body an endpoint reads, for the OpenAPI document only. (ASP.NET Core's Accepts metadata would also
/// make routing answer other media types with its own 415; the handlers check media types themselves, as OAuth errors.)
/// </summary>
internal sealed record DocumentedBody(Type Type, string ContentType);
