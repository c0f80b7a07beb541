namespace Registry.Cli;

/// <summary>A command line registry-admin cannot run; it exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
