namespace Registry.Protocol.Metadata;

/// <summary>
/// What a tenant does with requested client metadata its <see cref="RegistrationPolicy"/> does not allow (wire names in
/// <see cref="DisallowedHandlings"/>). RFC 7591 §3.1 lets the server replace requested values with suitable ones.
/// </summary>
public enum DisallowedHandling
{
    /// <summary>Refuse the registration, naming the member and the value (the default).</summary>
    Reject,

    /// <summary>Register what is allowed of the request: drop or replace what is not (refused when nothing usable is left).</summary>
    Narrow,
}
