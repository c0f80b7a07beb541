using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>
/// What anyone may register without a token: public clients as the registration rules allow them, confidential clients
/// with https or loopback redirect URIs only, and never the client_credentials grant.
/// </summary>
public sealed class OpenRegistrationTests
{
    private static readonly ClientMetadata Confidential = new()
    {
        TokenEndpointAuthMethod = AuthMethods.ClientSecretBasic,
        GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        ResponseTypes = [ResponseTypes.Code],
        RedirectUris = ["https://app.example/cb"],
    };

    private static readonly ClientMetadata Public = Confidential with { TokenEndpointAuthMethod = AuthMethods.None };

    /// <summary>(client, error code, error id) by name.</summary>
    private static readonly Dictionary<string, (ClientMetadata Client, string Code, string Id)> Refusals = new()
    {
        ["client_credentials"] = (Confidential with { GrantTypes = [GrantTypes.ClientCredentials] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationClientCredentials),
        ["client_credentials among others"] = (Confidential with { GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationClientCredentials),
        ["client_credentials of a public client"] = (Public with { GrantTypes = [GrantTypes.ClientCredentials] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationClientCredentials),
        ["client_credentials before redirect URIs"] = (Confidential with { GrantTypes = [GrantTypes.ClientCredentials], RedirectUris = [] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationClientCredentials),
        ["confidential without redirect URIs"] = (Confidential with { RedirectUris = [] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationNoRedirectUri),
        ["client_secret_post without redirect URIs"] = (Confidential with { TokenEndpointAuthMethod = AuthMethods.ClientSecretPost, RedirectUris = [] }, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.OpenRegistrationNoRedirectUri),
        ["http on a public host"] = (Confidential with { RedirectUris = ["http://app.example/cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
        ["http on a private address"] = (Confidential with { RedirectUris = ["http://10.0.0.7/cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
        ["private-use scheme"] = (Confidential with { RedirectUris = ["com.example.app:/cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
        ["custom scheme on localhost"] = (Confidential with { RedirectUris = ["myapp://localhost/cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
        ["relative"] = (Confidential with { RedirectUris = ["cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
        ["one unsafe among safe ones"] = (Confidential with { RedirectUris = ["https://app.example/cb", "http://127.0.0.1/cb", "http://app.example/cb"] }, OAuthErrorCodes.InvalidRedirectUri, ErrorIds.OpenRegistrationRedirectUriUnsafe),
    };

    public static TheoryData<string> Refused => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_is_unsafe_for_anyone_to_register_is_refused(string name)
    {
        var (client, code, id) = Refusals[name];

        var error = OpenRegistration.Check(client);

        Assert.NotNull(error);
        Assert.Equal((code, id), (error.Code, error.Id));
        Assert.True(error.Description.Length > 10, $"'{error.Description}' explains nothing");
    }

    private static readonly Dictionary<string, ClientMetadata> Acceptable = new()
    {
        ["confidential with https"] = Confidential,
        ["confidential with https on a port"] = Confidential with { RedirectUris = ["https://app.example:8443/cb"] },
        ["confidential with loopback ip"] = Confidential with { RedirectUris = ["http://127.0.0.1:8080/cb"] },
        ["confidential with ipv6 loopback"] = Confidential with { RedirectUris = ["http://[::1]/cb"] },
        ["confidential with localhost"] = Confidential with { RedirectUris = ["http://localhost:3000/cb"] },
        ["confidential with several"] = Confidential with { RedirectUris = ["https://app.example/cb", "http://127.0.0.1/cb", "https://localhost/cb"] },
        ["public with https"] = Public,
        ["public with a private-use scheme"] = Public with { RedirectUris = ["com.example.app:/cb"] },
        ["public with http"] = Public with { RedirectUris = ["http://app.example/cb"] },
        ["public without redirect URIs"] = Public with { RedirectUris = [] },
    };

    public static TheoryData<string> Accepted => [.. Acceptable.Keys];

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Clients_that_act_for_users_with_safe_redirects_are_accepted(string name)
    {
        Assert.Null(OpenRegistration.Check(Acceptable[name]));
    }
}
