using Microsoft.Extensions.Options;
using Registry.Gateway;

try
{
    await RegistryGatewayApp.Build(args).RunAsync();
    return 0;
}
catch (Exception exception) when (ConfigurationErrors(exception) is { Count: > 0 } errors)
{
    // One clear message for a misconfiguration, not a stack trace.
    await Console.Error.WriteLineAsync($"Registry cannot start: invalid configuration: {string.Join("; ", errors)}");
    return 2;
}

static List<string> ConfigurationErrors(Exception exception) => exception switch
{
    OptionsValidationException invalid => [invalid.Message],
    AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
        [.. aggregate.InnerExceptions.Select(e => e.Message)],
    _ => [],
};
