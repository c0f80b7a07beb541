using System.Net;
using Microsoft.Extensions.Options;
using Registry.Gateway.Tenancy;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Configuration;

/// <summary>
/// Startup validation of the HTTP gateway's part of the options: the fixed issuer, the allowed hosts and the
/// trusted proxies. Outside Development an issuer must never come from an untrusted Host header, so
/// Registry:Issuer or AllowedHosts is required there.
/// </summary>
internal sealed class IssuerOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var proxies = options.ForwardedHeaders;
        if (proxies.KnownProxies.Any(p => !IPAddress.TryParse(p, out _)) || proxies.KnownNetworks.Any(n => !IPNetwork.TryParse(n, out _)))
        {
            return ValidateOptionsResult.Fail("Registry:ForwardedHeaders: KnownProxies must be IP addresses and KnownNetworks CIDR ranges (e.g. 10.0.0.0/8)");
        }

        var hosts = AllowedHosts.Entries(configuration[AllowedHosts.ConfigurationKey]);
        if (hosts.FirstOrDefault(h => !AllowedHosts.IsValidEntry(h)) is { } badHost)
        {
            return ValidateOptionsResult.Fail($"AllowedHosts entry '{badHost}' must be a host name, an IP address or '*.' and a domain (';' separates entries)");
        }

        if (string.IsNullOrEmpty(options.Issuer))
        {
            return hosts.Length == 0 && !environment.IsDevelopment()
                ? ValidateOptionsResult.Fail(
                    $"Registry:Issuer or AllowedHosts must be set outside Development (environment '{environment.EnvironmentName}'), so that no issuer is built from an untrusted Host header")
                : ValidateOptionsResult.Success;
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
