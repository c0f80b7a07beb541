using Microsoft.Extensions.Options;

namespace Registry.Gateway.Configuration;

/// <summary>Startup validation of the gateway's settings.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var proxies = options.ForwardedHeaders;
        if (proxies.KnownProxies.Any(p => !System.Net.IPAddress.TryParse(p, out _)) || proxies.KnownNetworks.Any(n => !System.Net.IPNetwork.TryParse(n, out _)))
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
