using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// RFC 7591 §2.1: "code" goes with authorization_code and "token" with implicit, both ways. Checked only
/// when the client sent both members, so that a body like the specification's example (grant_types only) registers unchanged
/// next to the default response_types.
/// </summary>
internal sealed class GrantResponseConsistencyRule : IClientMetadataRule
{
    /// <summary>Each response type and the grant type it goes with (RFC 7591 §2.1).</summary>
    public static readonly (string Response, string Grant)[] Pairs =
    [
        (ResponseTypes.Code, GrantTypes.AuthorizationCode),
        (ResponseTypes.Token, GrantTypes.Implicit),
    ];

    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        // Omitted grant types are the tenant's defaults, which must agree with response types sent. Omitted response
        // types are not judged: a read echoes the default ["code"] next to any grant types (RFC 7592 read-modify-write).
        if (request.ResponseTypes is not { } responses)
        {
            return null;
        }

        var grants = request.GrantTypes ?? policy.EffectiveDefaultGrantTypes;

        foreach (var (response, grant) in Pairs)
        {
            var hasResponse = responses.Contains(response, StringComparer.Ordinal);
            var hasGrant = grants.Contains(grant, StringComparer.Ordinal);
            if (hasResponse != hasGrant)
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.GrantResponseMismatch, hasResponse
                    ? $"{MetadataFields.ResponseTypes} '{response}' requires {MetadataFields.GrantTypes} to include '{grant}' (RFC 7591 section 2.1)"
                    : $"{MetadataFields.GrantTypes} '{grant}' requires {MetadataFields.ResponseTypes} to include '{response}' (RFC 7591 section 2.1)");
            }
        }

        return null;
    }
}
