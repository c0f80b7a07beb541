using System.Net;
using System.Text;

namespace Registry.Cli.Tests;

/// <summary>
/// An HTTP handler standing in for the registry: answers <c>POST /admin/token</c> with a token unless told
/// otherwise, every other request with the next queued answer, and records every request it saw.
/// </summary>
internal sealed class FakeRegistry : HttpMessageHandler
{
    public const string AccessToken = "operator-access-token";

    private readonly Queue<(HttpStatusCode Status, string? Body)> _answers = new();

    public List<RecordedRequest> Requests { get; } = [];

    public (HttpStatusCode Status, string Body) TokenAnswer { get; set; } =
        (HttpStatusCode.OK, $$"""{"access_token":"{{AccessToken}}","token_type":"Bearer","expires_in":900,"scope":"registry:admin"}""");

    public Exception? Failure { get; set; }

    public FakeRegistry Answer(HttpStatusCode status, string? body = null)
    {
        _answers.Enqueue((status, body));
        return this;
    }

    /// <summary>The requests after the token request.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests => [.. Requests.Where(r => !r.IsTokenRequest)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body);
        Requests.Add(recorded);
        if (Failure is not null)
        {
            throw Failure;
        }

        var (status, text) = recorded.IsTokenRequest ? TokenAnswer : _answers.Dequeue();
        var response = new HttpResponseMessage(status);
        if (text is not null)
        {
            response.Content = new StringContent(text, Encoding.UTF8, text.StartsWith('<') ? "text/html" : "application/json");
        }

        return response;
    }
}
