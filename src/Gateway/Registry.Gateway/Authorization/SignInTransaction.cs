namespace Registry.Gateway.Authorization;

/// <summary>
/// A sign-in at the upstream provider in progress, sealed into the upstream <c>state</c>: the client's authorization
/// request (its query string, replayed after sign-in), Registry's PKCE verifier and nonce for the upstream, and the
/// browser binding also set as a cookie, so a callback is accepted only in the browser that started it (login CSRF).
/// </summary>
internal sealed record SignInTransaction(string Query, string Verifier, string Nonce, string Binding);
