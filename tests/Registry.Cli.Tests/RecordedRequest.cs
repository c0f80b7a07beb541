namespace Registry.Cli.Tests;

/// <summary>A request registry-admin sent, as <see cref="FakeRegistry"/> saw it.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ContentType, string? Body)
{
    public string Path => Uri.AbsolutePath;

    public string PathAndQuery => Uri.PathAndQuery;

    public bool IsTokenRequest => Path.EndsWith("/admin/token", StringComparison.Ordinal);
}
