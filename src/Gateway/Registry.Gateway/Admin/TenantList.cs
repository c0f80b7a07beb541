namespace Registry.Gateway.Admin;

/// <summary>A page of tenants, by name; <see cref="NextCursor"/> continues after the last one (null: no more).</summary>
internal sealed record TenantList(IReadOnlyList<TenantResponse> Tenants, string? NextCursor);
