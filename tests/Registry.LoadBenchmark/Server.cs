using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Registry.LoadBenchmark;

/// <summary>A registered client as the benchmark uses it.</summary>
internal sealed record BenchClient(string Id, AuthenticationHeaderValue Basic, string RegistrationUri, string RegistrationToken);

/// <summary>One server under test, reached only through the API: issuer URL and admin credentials.</summary>
internal sealed class Server : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Form = new("application/x-www-form-urlencoded");
    private readonly string _adminForm;
    private string _adminToken = "";
    private DateTime _adminTokenExpires;

    public Server(string name, Uri issuer, int? pid, Options options)
    {
        Name = name;
        Issuer = issuer.ToString().TrimEnd('/');
        Pid = pid;
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        _adminForm = $"grant_type=client_credentials&scope=register&client_id={Uri.EscapeDataString(options.AdminId)}&client_secret={Uri.EscapeDataString(options.AdminSecret)}";
    }

    public string Name { get; }

    /// <summary>The issuer URL without a trailing slash; endpoint paths are appended to it.</summary>
    public string Issuer { get; }

    public int? Pid { get; }

    public HttpClient Http { get; }

    public List<BenchClient> Pool { get; } = [];

    /// <summary>An access token of each pool client (same order), for the introspect scenario.</summary>
    public List<string> PoolTokens { get; } = [];

    /// <summary>Resident set size of the server process in MiB, from /proc (Linux), when its pid is known.</summary>
    public double? RssMiB()
    {
        if (Pid is null || !File.Exists($"/proc/{Pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>CPU seconds (user + system) the server process has used, from /proc (Linux), when its pid is known.</summary>
    public double? CpuSeconds()
    {
        if (Pid is null || !File.Exists($"/proc/{Pid}/stat"))
        {
            return null;
        }

        // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    public async Task<string> AdminTokenAsync()
    {
        if (DateTime.UtcNow < _adminTokenExpires)
        {
            return _adminToken;
        }

        using var response = await Http.PostAsync(Issuer + "/token", Content(_adminForm, Form));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        response.EnsureSuccessStatusCode();
        _adminToken = body.RootElement.GetProperty("access_token").GetString()!;
        _adminTokenExpires = DateTime.UtcNow.AddSeconds(Math.Max(30, body.RootElement.GetProperty("expires_in").GetInt32() - 60));
        return _adminToken;
    }

    /// <summary>POST /register with unique metadata; returns the client on 201.</summary>
    public async Task<(HttpStatusCode Status, BenchClient? Client)> RegisterAsync(long sequence)
    {
        var token = await AdminTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/register")
        {
            Content = Content(
                $$"""{"grant_types":["client_credentials"],"scope":"openid profile","redirect_uris":["https://tmp.com/cb/{{sequence}}"],"client_name":"bench-{{sequence}}","token_endpoint_auth_method":"client_secret_basic"}""",
                Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (response.StatusCode, null);
        }

        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        var id = root.GetProperty("client_id").GetString()!;
        var secret = root.GetProperty("client_secret").GetString()!;
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));
        return (response.StatusCode, new BenchClient(id, basic, root.GetProperty("registration_client_uri").GetString()!, root.GetProperty("registration_access_token").GetString()!));
    }

    public async Task<HttpStatusCode> TokenAsync(BenchClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token") { Content = Content("grant_type=client_credentials&scope=openid", Form) };
        request.Headers.Authorization = client.Basic;
        using var response = await Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode;
    }

    /// <summary>A client_credentials token of <paramref name="client"/> (for the introspect scenario's pool).</summary>
    public async Task<string> IssueTokenAsync(BenchClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token") { Content = Content("grant_type=client_credentials&scope=openid", Form) };
        request.Headers.Authorization = client.Basic;
        using var response = await Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return response.StatusCode == HttpStatusCode.OK
            ? body.RootElement.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"{Name}: token request failed with {(int)response.StatusCode} while filling the pool");
    }

    /// <summary>POST /introspect of <paramref name="token"/> by <paramref name="caller"/>, as a resource server does; success = an active answer.</summary>
    public async Task<bool> IntrospectAsync(BenchClient caller, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/introspect") { Content = Content("token=" + token, Form) };
        request.Headers.Authorization = caller.Basic;
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && text.StartsWith("{\"active\":true", StringComparison.Ordinal);
    }

    public async Task<HttpStatusCode> ReadAsync(BenchClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, client.RegistrationUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.RegistrationToken);
        using var response = await Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> DeleteAsync(BenchClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, client.RegistrationUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.RegistrationToken);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A plain GET of a path under the issuer (the fixed cost of HTTP plus tenant resolution).</summary>
    public async Task<HttpStatusCode> GetAsync(string path)
    {
        using var response = await Http.GetAsync(Issuer + path);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode;
    }

    public void Dispose() => Http.Dispose();

    private static ByteArrayContent Content(string text, MediaTypeHeaderValue type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = type;
        return content;
    }
}
