namespace Registry.Gateway.Admin;

/// <summary>A tenant's published signing keys, newest activation first.</summary>
internal sealed record SigningKeyList(IReadOnlyList<SigningKeyView> Keys);
