using Microsoft.Extensions.Options;
using Registry.Gateway.Admin;
using Registry.Hosting.Configuration;

namespace Registry.Gateway.Configuration;

/// <summary>
/// Startup validation of the admin API's options (Registry:Operator, Registry:Admin). Outside Development the
/// operator secret follows the rule of tenant bootstrap secrets: unset leaves the admin API off; the default, a
/// placeholder or fewer than <see cref="ProductionSecretLength"/> characters stops startup.
/// </summary>
internal sealed class OperatorOptionsValidator(IHostEnvironment environment) : IValidateOptions<RegistryOptions>
{
    public const int ProductionSecretLength = 32;

    private const int MaxTokenLifetimeSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        var op = options.Operator;
        if (op.ClientId is { } id && (id.Length is 0 or > 200 || id.Any(c => c is < '!' or > '~' || c == ':')))
        {
            failures.Add("Registry:Operator:ClientId must be 1-200 visible ASCII characters without ':'");
        }

        if (op.ClientSecret is { } secret && !environment.IsDevelopment())
        {
            if (secret == RegistryOperatorOptions.DefaultClientSecret || secret.Contains("CHANGE-ME", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Registry:Operator:ClientSecret is the default or a placeholder; set a random secret of at least {ProductionSecretLength} characters outside Development");
            }
            else if (secret.Length < ProductionSecretLength)
            {
                failures.Add($"Registry:Operator:ClientSecret must be at least {ProductionSecretLength} characters outside Development");
            }
        }
        else if (op.ClientSecret is { Length: 0 })
        {
            failures.Add("Registry:Operator:ClientSecret must not be empty");
        }

        if (op.TokenLifetimeSeconds is { } lifetime && lifetime is < 60 or > MaxTokenLifetimeSeconds)
        {
            failures.Add($"Registry:Operator:TokenLifetimeSeconds must be between 60 and {MaxTokenLifetimeSeconds}");
        }

        if (options.Admin.Urls is { } urls && !AdminListener.TryParsePorts(urls, out _))
        {
            failures.Add("Registry:Admin:Urls must be ';'-separated http(s) URLs with an explicit port (e.g. http://127.0.0.1:5001)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
