namespace Registry.Testing;

/// <summary>An authorization code <see cref="UpstreamProvider"/> issued and has not redeemed yet: what it was issued for.</summary>
internal sealed record UpstreamCode(string RedirectUri, string CodeChallenge, string? Nonce, string Subject, string Scope, DateTimeOffset AuthTime);
