namespace Registry.Hosting.Configuration;

/// <summary>
/// TLS with mutual authentication on the Orleans transport ("Registry:Cluster:Tls"): silo-to-silo and
/// gateway-to-silo connections are encrypted, and each side must present a certificate issued by one of the
/// configured certificate authorities (custom trust: the system store is never consulted).
/// </summary>
public sealed class RegistryClusterTlsOptions
{
    public const string Section = RegistryClusterOptions.Section + ":Tls";

    /// <summary>
    /// True: TLS on both the silo and the Orleans gateway ports, and on every outgoing cluster connection.
    /// Unset (null) counts as false, but outside Development a Redis cluster refuses to start until it is set
    /// explicitly (true, or false as a conscious opt-out).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>PEM certificate of this process (the first certificate in the file is this process's own).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key (PKCS#8, PKCS#1 or SEC1) of that certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM certificate(s) of the authorities a peer's certificate must chain to (a rotation holds old and new).</summary>
    public string? CaPath { get; set; }

    /// <summary>TLS is on.</summary>
    public bool IsEnabled => Enabled == true;
}
