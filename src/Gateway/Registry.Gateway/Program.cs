using Registry.Gateway;
using Registry.Hosting;

try
{
    await RegistryGatewayApp.Build(args).RunAsync();
    return 0;
}
catch (Exception exception) when (StartupErrors.Describe(exception) is { } message)
{
    // One clear message for a misconfiguration, not a stack trace.
    await Console.Error.WriteLineAsync(message);
    return StartupErrors.ExitCode;
}
