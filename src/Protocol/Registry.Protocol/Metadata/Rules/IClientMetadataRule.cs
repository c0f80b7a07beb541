using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>One concern of client-metadata validation. Rules see the metadata as sent and the tenant's policy.</summary>
internal interface IClientMetadataRule
{
    OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy);
}
