using Registry.Gateway.Http;

namespace Registry.Gateway.Admin;

/// <summary>Marks an admin API endpoint with its operation name (the metric's and audit event's "operation").</summary>
internal sealed record AdminOperation(string Name)
{
    public const string Token = "admin_token";
    public const string TenantCreate = "tenant_create";
    public const string TenantList = "tenant_list";
    public const string TenantRead = "tenant_read";
    public const string TenantUpdate = "tenant_update";
    public const string TenantDelete = "tenant_delete";
    public const string TokenCreate = "initial_access_token_create";
    public const string TokenList = "initial_access_token_list";
    public const string TokenRevoke = "initial_access_token_revoke";
    public const string ClientList = "client_list";
    public const string ClientRead = "client_admin_read";
    public const string ClientDisable = "client_disable";
    public const string ClientEnable = "client_enable";
    public const string ClientDelete = "client_admin_delete";
    public const string ConsentList = "consent_list";
    public const string ConsentRevoke = "consent_revoke";
    public const string ClientSecretRotate = "client_secret_rotate";

    // Signing keys.
    public const string SigningKeyList = "signing_key_list";
    public const string SigningKeyRotate = "signing_key_rotate";

    /// <summary>How errors are answered: Basic challenges at the token endpoint, operator Bearer challenges elsewhere.</summary>
    public EndpointKind Kind => Name == Token ? EndpointKind.Token : EndpointKind.Admin;
}
