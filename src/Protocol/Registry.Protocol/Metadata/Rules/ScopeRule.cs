using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// scope: RFC 6749 §3.3 syntax, never the reserved register scope. Whether the tenant allows the scopes is its policy's
/// (<see cref="RegistrationPolicyEnforcer"/>), which refuses or narrows them.
/// </summary>
internal sealed class ScopeRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (request.Scope is not { } scope)
        {
            return null;
        }

        if (!ScopeSyntax.TryParse(scope, out var scopes, out var invalid))
        {
            return OAuthError.InvalidClientMetadata(ErrorIds.ScopeSyntax, $"{MetadataFields.Scope} contains the invalid scope token '{invalid}' (RFC 6749 section 3.3)");
        }

        return scopes.Contains(MetadataDefaults.RegisterScope, StringComparer.Ordinal)
            ? OAuthError.InvalidClientMetadata(ErrorIds.ScopeReserved,
                $"{MetadataFields.Scope} '{MetadataDefaults.RegisterScope}' is reserved for the tenant's registration client")
            : null;
    }
}
