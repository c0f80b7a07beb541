namespace Registry.Gateway.Admin;

/// <summary>A client as listed: enough to find it; GET …/clients/{id} has the rest.</summary>
internal sealed record ClientSummary(string ClientId, string? ClientName, string? SoftwareId, long CreatedAt, bool Disabled);
