using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Console;
using Registry.Protocol.Telemetry;

namespace Registry.Gateway.Telemetry;

/// <summary>
/// The default sink of the audit category: one JSON object per line on standard output, written in batches
/// by a single background writer. The console logger hands every line to its writer thread under a lock,
/// which on a busy 2-core host cost ~50 µs per audited request; here a request only formats its event and
/// enqueues it. The queue is bounded: if the output cannot keep up, events are dropped and counted (a
/// warning says how many), never blocking requests. Operators can route the category elsewhere too
/// (e.g. OTLP through OpenTelemetry logging); "Logging:Audit:LogLevel" configures this sink.
/// </summary>
[ProviderAlias("Audit")]
internal sealed partial class AuditLoggerProvider : ILoggerProvider
{
    private const int Capacity = 100_000;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Channel<byte[]> _lines = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly Stream _output;
    private readonly Task _writer;
    private long _dropped;

    public AuditLoggerProvider()
        : this(Console.OpenStandardOutput())
    {
    }

    internal AuditLoggerProvider(Stream output)
    {
        _output = output;
        _writer = Task.Run(WriteLoopAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public ILogger CreateLogger(string categoryName) =>
        categoryName == RegistryTelemetry.AuditCategory ? new AuditLogger(this) : NullLogger.Instance;

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private void Enqueue(byte[] line)
    {
        if (!_lines.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        using var buffer = new MemoryStream(64 * 1024);
        long reported = 0;
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (buffer.Length < 60 * 1024 && _lines.Reader.TryRead(out var line))
            {
                buffer.Write(line);
            }

            var dropped = Dropped;
            if (dropped != reported)
            {
                buffer.Write(System.Text.Encoding.UTF8.GetBytes($"{{\"event\":\"audit_dropped\",\"count\":{dropped - reported}}}\n"));
                reported = dropped;
            }

            await _output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            await _output.FlushAsync();
            buffer.SetLength(0);
        }
    }

    private sealed class AuditLogger(AuditLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var buffer = new ArrayBufferWriter<byte>(384);
            using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("timestamp", DateTimeOffset.UtcNow);
                json.WriteString("level", logLevel.ToString());
                json.WriteString("category", RegistryTelemetry.AuditCategory);
                json.WriteNumber("event_id", eventId.Id);
                if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        if (key != "{OriginalFormat}")
                        {
                            json.WriteString(SnakeCase(key), value?.ToString());
                        }
                    }
                }

                json.WriteEndObject();
            }

            buffer.Write("\n"u8);
            provider.Enqueue(buffer.WrittenSpan.ToArray());
        }

        private static string SnakeCase(string name) => name switch
        {
            "Operation" => "operation",
            "Tenant" => "tenant",
            "ClientId" => "client_id",
            "Outcome" => "outcome",
            "Error" => "error",
            "ErrorId" => "error_id",
            "CallerIp" => "ip",
            "TraceId" => "trace_id",
            _ => name,
        };
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }

    /// <summary>Registers the sink and keeps the audit category off the console logger (it has its own line).</summary>
    public static void AddTo(ILoggingBuilder logging)
    {
        logging.AddProvider(new AuditLoggerProvider());
        logging.AddFilter<ConsoleLoggerProvider>(RegistryTelemetry.AuditCategory, LogLevel.None);
    }
}
