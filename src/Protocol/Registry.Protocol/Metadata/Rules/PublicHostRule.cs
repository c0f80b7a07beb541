using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// jwks_uri and the web URL members name public hosts, unless the policy allows local URLs: never an
/// address of the loopback interface, a private or link-local network or another non-public range, nor
/// <c>localhost</c> (see <see cref="LocalHosts"/>). Whoever follows these URLs (this server fetching keys, a
/// consent page loading a logo) must not be pointed into the deployment's own network. A public name that
/// resolves to such an address is the fetcher's to refuse: registration cannot see what a name will resolve to.
/// </summary>
internal sealed class PublicHostRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        if (policy.AllowLocalUrls)
        {
            return null;
        }

        (string Field, string? Value)[] jwksUri = [(MetadataFields.JwksUri, request.JwksUri)];
        foreach (var (field, value) in jwksUri.Concat(WebUrlFields.Of(request).Select(f => ((string, string?))f)))
        {
            if (value is not null && UriChecks.TryParseAbsolute(value, out var uri) && LocalHosts.IsLocal(uri))
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.UrlLocalHost,
                    $"{field} '{value}' names a local host (loopback, private or link-local address, or localhost)");
            }
        }

        return null;
    }
}
