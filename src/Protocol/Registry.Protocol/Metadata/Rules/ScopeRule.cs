using Registry.Protocol.Errors;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>scope: RFC 6749 §3.3 syntax, within the tenant's allowed scopes, never the reserved register scope.</summary>
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

        foreach (var value in scopes)
        {
            if (value == MetadataDefaults.RegisterScope)
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.ScopeReserved,
                    $"{MetadataFields.Scope} '{value}' is reserved for the tenant's registration client");
            }

            if (!policy.AllowsScope(value))
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.ScopeNotAllowed,
                    $"{MetadataFields.Scope} '{value}' is not allowed; allowed: {string.Join(' ', policy.AllowedScopes)}");
            }
        }

        return null;
    }
}
