using System.Text.Json;
using Registry.Gateway.Http;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Gateway.Endpoints;

/// <summary>
/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): it holds credentials, so it is never cached.
/// </summary>
internal sealed record ClientInformationResponse(ClientInformation Client, string RegistrationClientUri)
{
    /// <summary>RFC 7591 §3.2.1: 201, with the registration's location.</summary>
    public static JsonPayloadResult<ClientInformationResponse> Created(ClientInformation client, string registrationClientUri) =>
        new(StatusCodes.Status201Created, new(client, registrationClientUri), Write) { NoStore = true, Location = registrationClientUri };

    /// <summary>RFC 7592 §2.1, §2.2: 200.</summary>
    public static JsonPayloadResult<ClientInformationResponse> Ok(ClientInformation client, string registrationClientUri) =>
        new(StatusCodes.Status200OK, new(client, registrationClientUri), Write) { NoStore = true };

    private static void Write(Utf8JsonWriter writer, ClientInformationResponse response) =>
        ClientInformationWriter.Write(writer, response.Client, response.RegistrationClientUri);
}
