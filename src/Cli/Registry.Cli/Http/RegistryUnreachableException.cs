namespace Registry.Cli.Http;

/// <summary>No answer from the registry at all; exits with <see cref="ExitCodes.Unreachable"/>.</summary>
internal sealed class RegistryUnreachableException(string message, Exception inner) : Exception(message, inner);
