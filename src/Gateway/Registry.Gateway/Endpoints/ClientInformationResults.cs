using Registry.Gateway.Http;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Gateway.Endpoints;

/// <summary>Responses of the registration endpoints.</summary>
internal static class ClientInformationResults
{
    /// <summary>RFC 7591 §3.2.1: 201 with the client information; it holds credentials, so no-store.</summary>
    public static IResult Created(ClientInformation client, string registrationClientUri) =>
        new JsonPayloadResult<(ClientInformation, string)>(StatusCodes.Status201Created, (client, registrationClientUri), Write)
        {
            NoStore = true,
            Location = registrationClientUri,
        };

    /// <summary>RFC 7592 §2: 200 with the client information, or 401 for an unknown client or a wrong token.</summary>
    public static IResult From(ClientOperationResult result, string registrationClientUri) => result.Status switch
    {
        ClientOperationStatus.Ok => new JsonPayloadResult<(ClientInformation, string)>(StatusCodes.Status200OK, (result.Client!, registrationClientUri), Write)
        {
            NoStore = true,
        },
        ClientOperationStatus.SecretMismatch => new OAuthErrorResult(OAuthError.InvalidClientMetadata(
            "client_secret does not match the current secret; a client cannot choose its own secret (RFC 7592 section 2.2)")),
        _ => InvalidRegistrationToken(),
    };

    /// <summary>RFC 7592 §3: unknown client and wrong token are indistinguishable, and never 404.</summary>
    public static IResult InvalidRegistrationToken() =>
        new OAuthErrorResult(OAuthError.InvalidToken("the registration access token is invalid for this client"), Challenge.Bearer);

    private static void Write(System.Text.Json.Utf8JsonWriter writer, (ClientInformation Client, string Uri) state) =>
        ClientInformationWriter.Write(writer, state.Client, state.Uri);
}
