namespace Registry.Gateway.Authorization;

/// <summary>
/// A validated authorization request waiting for the user's decision, sealed into the consent form: it is issued for
/// one user (<see cref="Subject"/>, checked against the session at submission) and expires with the form.
/// </summary>
internal sealed record ConsentTicket(
    string ClientId,
    string RedirectUri,
    string? State,
    string[] Scopes,
    string[] Resources,
    string CodeChallenge,
    string Subject);
