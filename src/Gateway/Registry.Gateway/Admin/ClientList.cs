namespace Registry.Gateway.Admin;

/// <summary>A page of a tenant's clients, newest first; <see cref="NextCursor"/> continues the walk (null: no more).</summary>
internal sealed record ClientList(IReadOnlyList<ClientSummary> Clients, string? NextCursor);
