using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Authorization;

/// <summary>
/// Resource indicators (RFC 8707 §2): each an absolute URI without a fragment, and — Registry's rule — one the tenant
/// lists in <see cref="RegistrationPolicy.AllowedResources"/>. Anything else is invalid_target.
/// </summary>
public static class ResourceIndicators
{
    public const int MaxResources = 10;

    public static OAuthError? Check(IReadOnlyList<string> resources, RegistrationPolicy policy)
    {
        if (resources.Count > MaxResources)
        {
            return OAuthError.InvalidTarget(ErrorIds.ResourceInvalid, $"at most {MaxResources} resource parameters are accepted");
        }

        foreach (var resource in resources)
        {
            if (resource.Length > AuthorizationRequestParser.MaxParameterLength
                || !Uri.TryCreate(resource, UriKind.Absolute, out var uri) || resource.Contains('#', StringComparison.Ordinal) || uri.IsFile)
            {
                return OAuthError.InvalidTarget(ErrorIds.ResourceInvalid, "a resource must be an absolute URI without a fragment (RFC 8707 section 2)");
            }

            if (!policy.AllowsResource(resource))
            {
                return OAuthError.InvalidTarget(ErrorIds.ResourceNotAllowed, "the resource is not one this tenant issues tokens for");
            }
        }

        return null;
    }

    /// <summary>The resources without repetitions, in request order.</summary>
    public static string[] Distinct(IReadOnlyList<string> resources) => [.. resources.Distinct(StringComparer.Ordinal)];
}
