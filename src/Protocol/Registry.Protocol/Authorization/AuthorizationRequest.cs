namespace Registry.Protocol.Authorization;

/// <summary>
/// An authorization request (RFC 6749 §4.1.1) as sent, each parameter null when absent or empty: the client and
/// redirect URI (checked first: until both are known good, errors are shown to the user, never redirected), then
/// what is asked for. <see cref="Scope"/> is null when the request names none; <see cref="Resources"/> are the
/// RFC 8707 resource indicators (the one parameter that may repeat).
/// </summary>
public sealed record AuthorizationRequest(
    string? ClientId,
    string? RedirectUri,
    string? ResponseType,
    string? State,
    string? Scope,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    IReadOnlyList<string> Resources,
    string? Prompt)
{
    /// <summary>A parameter that appeared more than once (RFC 6749 §3.1: none but resource may); null when none did.</summary>
    public string? RepeatedParameter { get; init; }
}
