using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Registry.Gateway.Tests.Infrastructure;

namespace Registry.Gateway.Tests;

/// <summary>
/// Kestrel's limits (Registry:Limits) against the real gateway process over raw TCP: a body dribbled slower
/// than the minimum rate is cut off while other clients are served, header floods and long request lines
/// are refused cleanly, and connections beyond the limit are refused at once rather than left hanging.
/// The process runs the production defaults except a small MaxConcurrentConnections.
/// </summary>
public sealed class HttpLimitsTests(HttpLimitsTests.Gateway gateway) : IClassFixture<HttpLimitsTests.Gateway>
{
    private const int ConnectionLimit = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private int Port => gateway.Process.Port;

    [Fact]
    public async Task A_body_slower_than_the_minimum_rate_is_cut_off_while_other_clients_are_served()
    {
        using var slow = await RawHttp.ConnectAsync(Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(
            "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"));
        var clock = Stopwatch.StartNew();

        // 4 bytes a second, far below 240 bytes/s: the whole body would take over four minutes.
        using var stop = new CancellationTokenSource();
        var dribble = DribbleAsync(stream, stop.Token);

        // Meanwhile another connection is served as usual.
        var other = await RawHttp.GetAsync(Port, "/.well-known/openid-configuration", Deadline);
        Assert.Equal(200, other.Status);
        Assert.False(dribble.IsCompleted, "the slow body was cut off before the other request was even answered");

        var answer = await RawHttp.ReadAsync(stream, TimeSpan.FromSeconds(20));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        var sent = await dribble;

        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"cut off only after {elapsed.TotalSeconds:0.0} s");
        Assert.True(sent < 100, $"{sent} bytes were accepted at 4 bytes/s");
        AssertOAuthError(answer, 408, "invalid_request");
        Assert.True(await RawHttp.ClosedByServerAsync(stream, Deadline), "the connection stayed open after the 408");

        // Audited as the client's fault, not as a server or cluster failure.
        await Eventually.UntilAsync(() => gateway.Process.Output.Contains("\"error_id\":\"request.body_too_slow\"", StringComparison.Ordinal), Deadline, "the audit event of the slow body");
        AssertNoFailureLogged();
    }

    [Theory]
    [InlineData("thousands of headers", 5000, 8, 431)]
    [InlineData("one huge header", 1, 100_000, 431)]
    [InlineData("just over the header count", 65, 8, 431)]
    [InlineData("just over the header total size", 5, 4000, 431)]
    public async Task Header_floods_are_refused_and_the_server_stays_healthy(string flood, int count, int valueLength, int status)
    {
        var value = new string('x', valueLength);
        var headers = string.Concat(Enumerable.Range(0, count).Select(i => $"X-Flood-{i}: {value}\r\n"));

        await AssertRefusedAsync(RawHttp.Request("GET", "/.well-known/openid-configuration", headers), status, flood);

        Assert.Equal(200, (await RawHttp.GetAsync(Port, "/healthz/live", Deadline)).Status);
        AssertNoFailureLogged();
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_refused_and_the_server_stays_healthy()
    {
        await AssertRefusedAsync(RawHttp.Request("GET", "/register/" + new string('a', 5000)), 414, "a 5000-byte path");

        Assert.Equal(200, (await RawHttp.GetAsync(Port, "/healthz/live", Deadline)).Status);
        AssertNoFailureLogged();
    }

    [Fact]
    public async Task A_body_over_the_largest_endpoint_cap_gets_an_oauth_413_and_is_not_drained()
    {
        var form = $"grant_type=client_credentials&client_id=registerClient&client_secret={GatewayProcess.AdminSecret}&scope=register";
        var token = await RawHttp.SendAsync(Port, RawHttp.Request("POST", "/token", "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n", form), Deadline);
        Assert.True(token.Status == 200, token.ToString());
        using var json = JsonDocument.Parse(token.Body);
        var bearer = json.RootElement.GetProperty("access_token").GetString();

        // A registration body just over the 64 KiB cap, on a keep-alive connection.
        using var client = await RawHttp.ConnectAsync(Port);
        var stream = client.GetStream();
        var body = "{\"client_name\": \"" + new string('x', 70_000) + "\"}";
        await stream.WriteAsync(RawHttp.Request("POST", "/register", $"Content-Type: application/json\r\nAuthorization: Bearer {bearer}\r\n", body));
        var answer = await RawHttp.ReadAsync(stream, Deadline);

        AssertOAuthError(answer, 413, "invalid_request");

        // Kestrel does not read on through a body over its own cap to keep the connection: it closes it.
        Assert.True(await RawHttp.ClosedByServerAsync(stream, Deadline), "the connection stayed open after the 413");
        AssertNoFailureLogged();
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_at_once_and_closing_idle_ones_lets_new_ones_in()
    {
        // Idle connections that never send a byte, more than the limit allows.
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < ConnectionLimit * 3; i++)
            {
                idle.Add(await RawHttp.ConnectAsync(Port));
            }

            // The excess is closed by the server at once, not left hanging; the limit's worth stays open.
            var closed = await Task.WhenAll(idle.Select(c => RawHttp.ClosedByServerAsync(c.GetStream(), TimeSpan.FromSeconds(3))));
            Assert.Equal(ConnectionLimit * 2, closed.Count(c => c));

            // A new client is refused too while the idle ones are held.
            Assert.True(await RefusedAsync(), "a connection beyond the limit was served");
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }

        // Once they are closed, new connections are served again.
        var served = await Eventually.UntilAsync(
            () => RawHttp.GetAsync(Port, "/healthz/live", Deadline), r => r.Status == 200, Deadline, "a new connection to be served after the idle ones closed");
        Assert.Contains("\"status\":\"Healthy\"", served.Body, StringComparison.Ordinal);
        AssertNoFailureLogged();
    }

    /// <summary>A new connection is closed without an answer (true), or is answered or left hanging (false).</summary>
    private async Task<bool> RefusedAsync()
    {
        using var client = await RawHttp.ConnectAsync(Port);
        var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await stream.WriteAsync(RawHttp.Request("GET", "/healthz/live", "Connection: close\r\n"), timeout.Token);
            return await stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Nothing the tests did made the server log a failure or a stack trace.</summary>
    private void AssertNoFailureLogged()
    {
        var lines = gateway.Process.Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(gateway.Process.HasExited, "the gateway process exited");
    }

    /// <summary>Kestrel's own answer (no body) and then the connection's end; or, if it closed mid-send, the end alone.</summary>
    private async Task AssertRefusedAsync(byte[] request, int status, string what)
    {
        using var client = await RawHttp.ConnectAsync(Port);
        var stream = client.GetStream();
        var send = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(request);
            }
            catch (IOException)
            {
                // The server closed the connection before the whole request was sent.
            }
        });
        RawHttp.Response? answer = null;
        try
        {
            answer = await RawHttp.ReadAsync(stream, Deadline);
        }
        catch (IOException)
        {
            // A reset before the answer could be read: refused all the same.
        }

        await send;
        if (answer is not null)
        {
            Assert.True(answer.Status == status, $"{what}: expected {status}, got {answer}");
            Assert.Contains("Connection: close", answer.Headers, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(await RawHttp.ClosedByServerAsync(stream, Deadline), $"{what}: the connection stayed open");
    }

    private static void AssertOAuthError(RawHttp.Response answer, int status, string error)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer}");
        Assert.Contains("Content-Type: application/json", answer.Headers, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error_description").GetString()));
    }

    /// <summary>Sends a byte every 250 ms until the server stops taking them; returns how many it took.</summary>
    private static async Task<int> DribbleAsync(NetworkStream stream, CancellationToken stop)
    {
        var sent = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync("a"u8.ToArray(), stop);
                sent++;
                await Task.Delay(250, stop);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
        }

        return sent;
    }

    /// <summary>One gateway process for the class: production limits, but room for only a few connections.</summary>
    public sealed class Gateway : IAsyncLifetime
    {
        public GatewayProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Process = await GatewayProcess.StartAsync($"--Registry:Limits:MaxConcurrentConnections={ConnectionLimit}");

        public async Task DisposeAsync() => await Process.DisposeAsync();
    }
}
