using Registry.Hosting;
using Registry.Silo.Hosting;

try
{
    await RegistrySiloApp.Build(args).RunAsync();
    return 0;
}
catch (Exception exception) when (StartupErrors.Describe(exception) is { } message)
{
    await Console.Error.WriteLineAsync(message);
    return StartupErrors.ExitCode;
}
