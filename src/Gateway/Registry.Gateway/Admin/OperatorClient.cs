using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;
using Registry.Protocol.Security;

namespace Registry.Gateway.Admin;

/// <summary>
/// The operator client as configured: its id, the hash of its secret (the secret itself is not kept), its token
/// lifetime. Off outside Development until a secret is configured.
/// </summary>
internal sealed class OperatorClient
{
    private readonly byte[] _idHash;
    private readonly byte[] _secretHash;

    public OperatorClient(IOptions<RegistryOptions> options, IHostEnvironment environment)
    {
        var op = options.Value.Operator;
        var secret = op.ClientSecret ?? (environment.IsDevelopment() ? RegistryOperatorOptions.DefaultClientSecret : null);
        Enabled = secret is not null;
        ClientId = op.ClientId ?? RegistryOperatorOptions.DefaultClientId;
        _idHash = Secrets.Hash(ClientId);
        _secretHash = Secrets.Hash(secret ?? Secrets.NewSecret());
        TokenLifetimeSeconds = op.TokenLifetimeSeconds ?? RegistryOperatorOptions.DefaultTokenLifetimeSeconds;
    }

    /// <summary>False when no operator secret is configured (outside Development): every admin path answers 404.</summary>
    public bool Enabled { get; }

    public string ClientId { get; }

    public int TokenLifetimeSeconds { get; }

    /// <summary>Constant-time check of both credentials (both always compared, so timing tells nothing).</summary>
    public bool Matches(string clientId, string clientSecret) =>
        Enabled & Secrets.Matches(clientId, _idHash) & Secrets.Matches(clientSecret, _secretHash);
}
