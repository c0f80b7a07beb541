using Microsoft.Extensions.Options;

namespace Registry.Hosting;

/// <summary>Turns a configuration failure at startup into the one line a process prints before exiting with code 2.</summary>
public static class StartupErrors
{
    public const int ExitCode = 2;

    /// <summary>The message to print, or null when the exception is not a configuration error.</summary>
    public static string? Describe(Exception exception)
    {
        IReadOnlyList<string> messages = exception switch
        {
            OptionsValidationException invalid => [invalid.Message],
            AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
                [.. aggregate.InnerExceptions.Select(e => e.Message)],

            // The configuration binder's own failure: a value that is not of the setting's type (an unknown enum name, a word for a number).
            InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                [message.Split(". ", 2)[0]],
            _ => [],
        };
        return messages.Count == 0 ? null : $"Registry cannot start: invalid configuration: {string.Join("; ", messages)}";
    }
}
