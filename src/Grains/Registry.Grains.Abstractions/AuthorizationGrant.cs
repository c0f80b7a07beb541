namespace Registry.Grains.Abstractions;

/// <summary>
/// What a signed-in user approved for a client at the authorization endpoint (RFC 6749 §4.1), carried by its
/// authorization code and then by the refresh-token family the code starts: the client, the redirect URI the
/// code was sent to, the PKCE challenge (S256), the granted scope (space-delimited), the resources (RFC 8707,
/// the access tokens' audiences), the user (<see cref="Subject"/> as the tenant's upstream OpenID Provider
/// <see cref="IdentityProvider"/> names them) and when they signed in there.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Registry.AuthorizationGrant")]
public sealed record AuthorizationGrant(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string RedirectUri,
    [property: Id(2)] string CodeChallenge,
    [property: Id(3)] string Scope,
    [property: Id(4)] string[] Resources,
    [property: Id(5)] string Subject,
    [property: Id(6)] string IdentityProvider,
    [property: Id(7)] DateTimeOffset AuthTime);
