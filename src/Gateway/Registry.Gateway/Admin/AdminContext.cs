namespace Registry.Gateway.Admin;

/// <summary>The operator an admin request was authenticated as, and what it acted on (for the audit event).</summary>
internal sealed class AdminContext
{
    public string? OperatorId { get; set; }

    /// <summary>The client or initial access token acted on, once known to exist (never raw input).</summary>
    public string? Target { get; set; }
}
