using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tokens;

namespace Registry.MicroBenchmarks;

/// <summary>The pure protocol work of /register and /token.</summary>
public class ProtocolBenchmarks
{
    private static readonly byte[] ExampleBody = Encoding.UTF8.GetBytes(
        """{"grant_types": ["client_credentials"], "scope": "openid profile", "redirect_uris": ["https://tmp.com"], "client_name": "bench-1"}""");

    private readonly RegistrationPolicy _policy = new();
    private readonly string _secret = Secrets.NewSecret();
    private readonly string _basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AAAAAAAAAAAAAAAAAAAAAA:" + Secrets.NewSecret()));
    private byte[] _hash = [];
    private ClientInformation _client = null!;
    private readonly ArrayBufferWriter _buffer = new();

    [GlobalSetup]
    public void Setup()
    {
        _hash = Secrets.Hash(_secret);
        var metadata = RegistrationRequestValidator.ValidateCreate(ClientMetadataReader.Read(ExampleBody).Value!, _policy).Value!;
        _client = new ClientInformation
        {
            ClientId = new ClientIdentifiers(ClientIdentifiers.NewKey(), acceptsLegacy: false).NewClientId(),
            ClientSecret = Secrets.NewSecret(),
            RegistrationAccessToken = Secrets.NewSecret(),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            Metadata = metadata,
        };
    }

    [Benchmark(Description = "metadata: read + validate the example registration")]
    public bool MetadataValidation() => RegistrationRequestValidator.ValidateCreate(ClientMetadataReader.Read(ExampleBody).Value!, _policy).IsSuccess;

    [Benchmark(Description = "token request: parse form + Basic")]
    public bool TokenRequestParsing() => TokenRequestParser.Parse(FormBody.Parse("grant_type=client_credentials&scope=openid"), _basic).IsSuccess;

    [Benchmark(Description = "secret check: SHA-256 + constant-time compare")]
    public bool SecretVerification() => Secrets.Matches(_secret, _hash);

    [Benchmark(Description = "registration response: serialize client information")]
    public int ResponseSerialization()
    {
        _buffer.Clear();
        using var writer = new Utf8JsonWriter(_buffer);
        ClientInformationWriter.Write(writer, _client, "http://127.0.0.1:5000/register/" + _client.ClientId);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>A reusable IBufferWriter (the response pipe plays this role in the server).</summary>
    private sealed class ArrayBufferWriter : System.Buffers.IBufferWriter<byte>
    {
        private byte[] _array = new byte[8192];

        public int WrittenCount { get; private set; }

        public void Clear() => WrittenCount = 0;

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => _array.AsMemory(WrittenCount);

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            if (_array.Length - WrittenCount < Math.Max(sizeHint, 1))
            {
                Array.Resize(ref _array, _array.Length * 2);
            }

            return _array.AsSpan(WrittenCount);
        }
    }
}
