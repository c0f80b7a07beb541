using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata;

/// <summary>
/// RFC 7592 §2.2: an update names the client it updates and leaves server-managed members out. Whether a
/// client_secret it echoes matches the current one is checked by the client grain, which holds the hash.
/// </summary>
public static class UpdateRequestRule
{
    public static OAuthError? Check(ClientMetadataRequest request, string clientId)
    {
        if (request.ClientId is null)
        {
            return OAuthError.InvalidClientMetadata($"{MetadataFields.ClientId} is required in an update request (RFC 7592 section 2.2)");
        }

        if (!string.Equals(request.ClientId, clientId, StringComparison.Ordinal))
        {
            return OAuthError.InvalidClientMetadata($"{MetadataFields.ClientId} does not match the client being updated");
        }

        return request.ServerManagedFieldsSent.Count > 0
            ? OAuthError.InvalidClientMetadata(
                $"{request.ServerManagedFieldsSent[0]} is set by the server and must not be sent in an update (RFC 7592 section 2.2)")
            : null;
    }
}
