using Registry.Protocol.Errors;

namespace Registry.Gateway.Http;

/// <summary>A result that is not an OAuth error body but still refuses something (an error page, an error redirect): observation records its error.</summary>
internal interface IRefusal
{
    OAuthError? Refusal { get; }
}
