using System.Collections.Concurrent;

namespace Registry.Gateway.Tests.Infrastructure;

/// <summary>Every log line the server writes (message, structured values and exception text), for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyCollection<(LogLevel Level, string Category, string Text)> Lines => _lines;

    public string AllText => string.Join('\n', _lines.Select(l => $"{l.Level} {l.Category}: {l.Text}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue((logLevel, category, $"{formatter(state, exception)} [{values}] {exception}"));
        }
    }
}
