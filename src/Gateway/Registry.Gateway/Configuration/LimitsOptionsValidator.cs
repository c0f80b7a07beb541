using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Configuration;

/// <summary>
/// Startup validation of Registry:Limits: every limit within a sane range, so no setting can switch a limit
/// off (a zero rate, an unbounded count) or make ordinary requests fail. Every problem is reported, each naming its key.
/// </summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var limits = options.Limits;
        var failures = new List<string>();
        Check(failures, nameof(limits.MaxConcurrentConnections), limits.MaxConcurrentConnections, 1, 1_000_000);
        Check(failures, nameof(limits.MaxRequestHeaderCount), limits.MaxRequestHeaderCount, 16, 1000);
        Check(failures, nameof(limits.MaxRequestHeadersTotalBytes), limits.MaxRequestHeadersTotalBytes, 4 * 1024, 1024 * 1024);
        Check(failures, nameof(limits.MaxRequestLineBytes), limits.MaxRequestLineBytes, 1024, 64 * 1024);
        Check(failures, nameof(limits.RequestHeadersTimeoutSeconds), limits.RequestHeadersTimeoutSeconds, 1, 300);
        Check(failures, nameof(limits.KeepAliveTimeoutSeconds), limits.KeepAliveTimeoutSeconds, 1, 3600);
        Check(failures, nameof(limits.MinRequestBodyBytesPerSecond), limits.MinRequestBodyBytesPerSecond, 1, 1024 * 1024);
        Check(failures, nameof(limits.MinRequestBodyGraceSeconds), limits.MinRequestBodyGraceSeconds, 1, 60);
        Check(failures, nameof(limits.MinResponseBytesPerSecond), limits.MinResponseBytesPerSecond, 1, 1024 * 1024);
        Check(failures, nameof(limits.MinResponseGraceSeconds), limits.MinResponseGraceSeconds, 1, 60);
        Check(failures, nameof(limits.Http2MaxStreamsPerConnection), limits.Http2MaxStreamsPerConnection, 1, 1000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{RegistryLimitsOptions.Section}:{key} ({value}) must be between {min} and {max}");
        }
    }
}
