using System.Net;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Configuration;

/// <summary>Startup validation of the HTTP gateway's part of the options: the fixed issuer and the trusted proxies.</summary>
internal sealed class IssuerOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var proxies = options.ForwardedHeaders;
        if (proxies.KnownProxies.Any(p => !IPAddress.TryParse(p, out _)) || proxies.KnownNetworks.Any(n => !IPNetwork.TryParse(n, out _)))
        {
            return ValidateOptionsResult.Fail("Registry:ForwardedHeaders: KnownProxies must be IP addresses and KnownNetworks CIDR ranges (e.g. 10.0.0.0/8)");
        }

        if (string.IsNullOrEmpty(options.Issuer))
        {
            return ValidateOptionsResult.Success;
        }

        // RFC 8414 §2: the issuer is an https URL with no query or fragment (http only for loopback here).
        var valid = Uri.TryCreate(options.Issuer, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
        return valid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Registry:Issuer '{options.Issuer}' must be an absolute https URL without query or fragment (http is accepted for loopback hosts only)");
    }
}
