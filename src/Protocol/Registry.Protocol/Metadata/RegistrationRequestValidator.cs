using Registry.Protocol.Errors;
using Registry.Protocol.Metadata.Rules;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata;

/// <summary>
/// Validates a registration request (RFC 7591 §3.1) or an update of one (RFC 7592 §2.2) against a tenant's
/// policy: every rule (one per concern) on the metadata as sent, then the tenant's policy
/// (<see cref="RegistrationPolicyEnforcer"/>: what the tenant does not allow is refused or narrowed, as
/// <see cref="RegistrationPolicy.OnDisallowed"/> says), then the server's defaults for what was omitted
/// (<see cref="ClientMetadataResolver"/>), into the <see cref="ClientMetadata"/> the client is registered with.
/// </summary>
public static class RegistrationRequestValidator
{
    private static readonly IClientMetadataRule[] Rules =
    [
        new DisplayTextRule(),
        new ApplicationTypeRule(),
        new GrantTypesRule(),
        new ResponseTypesRule(),
        new GrantResponseConsistencyRule(),
        RedirectUriRule.RedirectUris,
        RedirectUriRule.PostLogoutRedirectUris,
        new AuthMethodRule(),
        new ScopeRule(),
        new JwksRule(),
        new JwksKeysRule(),
        new WebUrlFieldsRule(),
        new PublicHostRule(),
        new AlgorithmsRule(),
        new TokenLifetimeRule(),
        new UnsupportedFeaturesRule(),
        new SoftwareStatementRule(),
    ];

    /// <summary>
    /// A new registration: the metadata must satisfy every rule and the tenant's policy. With
    /// <see cref="DisallowedHandling.Narrow"/>, <paramref name="request"/> is narrowed in place.
    /// </summary>
    public static Outcome<ClientMetadata> ValidateCreate(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        foreach (var rule in Rules)
        {
            if (rule.Check(request, policy) is { } error)
            {
                return error;
            }
        }

        // RFC 7591 §3.1: the server may refuse requested values or replace them with suitable ones.
        if (RegistrationPolicyEnforcer.Apply(request, policy) is { } refusal)
        {
            return refusal;
        }

        // A public client by the tenant's default or by narrowing is held to the rule a requested one meets (AuthMethodRule).
        var resolved = ClientMetadataResolver.Resolve(request, policy);
        return resolved.TokenEndpointAuthMethod == AuthMethods.None && resolved.GrantTypes.Contains(GrantTypes.ClientCredentials, StringComparer.Ordinal)
            ? OAuthError.InvalidClientMetadata(ErrorIds.AuthMethodUnsupported,
                $"{MetadataFields.TokenEndpointAuthMethod} 'none' (a public client) cannot use the client_credentials grant type")
            : resolved;
    }

    /// <summary>
    /// RFC 7592 §2.2: an update names the client it updates, leaves out the members the server manages
    /// (registration_access_token, registration_client_uri, client_secret_expires_at, client_id_issued_at), and
    /// is a full replacement validated like a new registration (omitted members take their defaults). The
    /// timestamps the server returns (create_datetime, update_datetime) may be echoed and are ignored, so that
    /// a client can send back what it read with one member changed. Whether a client_secret it echoes is the
    /// current one is checked by the client grain, which holds the hash.
    /// </summary>
    public static Outcome<ClientMetadata> ValidateUpdate(ClientMetadataRequest request, string clientId, RegistrationPolicy policy)
    {
        if (request.ClientId is null)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.UpdateClientIdMissing,
                $"{MetadataFields.ClientId} is required in an update request (RFC 7592 section 2.2)");
        }

        if (!string.Equals(request.ClientId, clientId, StringComparison.Ordinal))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.UpdateClientIdMismatch, $"{MetadataFields.ClientId} does not match the client being updated");
        }

        if (request.ServerManagedFieldsSent.Count > 0)
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.UpdateServerManagedMember,
                $"{request.ServerManagedFieldsSent[0]} is set by the server and must not be sent in an update (RFC 7592 section 2.2)");
        }

        // A read answers response_types ["code"], the RFC 7591 default (or the tenant's, within its allowed response types), next to whatever grant types are registered
        // (client_credentials alone, as in the specification's example). Sent back unchanged it means what omitting
        // it means, and is read so (this request is the update's own): the grant/response consistency rule judges
        // what a client chose, not the server's default echoed back.
        if (request.ResponseTypes is { } responses && responses.SequenceEqual(policy.EffectiveDefaultResponseTypes, StringComparer.Ordinal))
        {
            request.ResponseTypes = null;
        }

        return ValidateCreate(request, policy);
    }
}
