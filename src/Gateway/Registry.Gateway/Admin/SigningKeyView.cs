namespace Registry.Gateway.Admin;

/// <summary>
/// A tenant signing key as listed: status current (signs now), next (published ahead, signs from activates_at) or
/// previous (superseded, published until retires_at); times in seconds since the epoch. Never private material.
/// </summary>
internal sealed record SigningKeyView(string Kid, string Alg, string Status, long CreatedAt, long ActivatesAt, long? RetiresAt);
