using Microsoft.Extensions.Options;
using Registry.Gateway;

try
{
    await RegistryGatewayApp.Build(args).RunAsync();
    return 0;
}
catch (OptionsValidationException exception)
{
    // One clear message for a misconfiguration, not a stack trace.
    await Console.Error.WriteLineAsync($"Registry cannot start: invalid configuration: {exception.Message}");
    return 2;
}
