using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Registry.Hosting.Configuration;

/// <summary>
/// The certificate (with its private key) this process presents on cluster connections, and the certificate
/// authorities a peer's certificate must chain to. Loading checks everything a misconfiguration could get wrong
/// (files, PEM, key pair, validity, key usages, the certificate's own chain) and fails with one message naming the key.
/// </summary>
public sealed class ClusterTlsCredentials : IDisposable
{
    private const string Key = RegistryClusterTlsOptions.Section;
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private ClusterTlsCredentials(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Authorities = authorities;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Further certificates of the certificate file (its chain), used when building chains.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The only trust anchors for a peer's certificate.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Loads and checks the files named by <paramref name="options"/>; throws <see cref="OptionsValidationException"/> with one message per problem.</summary>
    public static ClusterTlsCredentials Load(RegistryClusterTlsOptions options, ClusterTlsRole role, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var certificatePath = RequireFile(options.CertificatePath, nameof(options.CertificatePath), failures);
        var keyPath = RequireFile(options.KeyPath, nameof(options.KeyPath), failures);
        var caPath = RequireFile(options.CaPath, nameof(options.CaPath), failures);
        var authorities = caPath is null ? null : ReadCertificates(caPath, nameof(options.CaPath), failures);
        var chain = certificatePath is null ? null : ReadCertificates(certificatePath, nameof(options.CertificatePath), failures);
        var certificate = chain is null || keyPath is null ? null : ReadKeyPair(certificatePath!, keyPath, failures);
        if (certificate is not null)
        {
            CheckCertificate(certificate, role, time ?? TimeProvider.System, failures);
        }

        if (certificate is not null && authorities is not null && failures.Count == 0)
        {
            var intermediates = new X509Certificate2Collection();
            intermediates.AddRange(chain!.Skip(1).ToArray());
            var credentials = new ClusterTlsCredentials(certificate, intermediates, authorities);
            if (credentials.ChainStatus(certificate, null) is { } status)
            {
                failures.Add($"{Key}:CertificatePath: the certificate does not chain to a certificate authority of {Key}:CaPath ({status})");
            }
            else
            {
                return credentials;
            }
        }

        certificate?.Dispose();
        throw new OptionsValidationException(Key, typeof(RegistryClusterTlsOptions), failures);
    }

    /// <summary>
    /// Orleans' remote certificate validation: the peer presented a certificate that chains to one of
    /// <see cref="Authorities"/> (and to nothing else: custom root trust, no system store, no downloads).
    /// The host name is not checked: silos reach each other at the addresses in the membership table (pod IPs
    /// that change on every restart), so the identity that matters is "holds a key certified by the cluster's CA".
    /// </summary>
    public bool ValidatePeer(X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        return ChainStatus(certificate, presented) is null;
    }

    /// <summary>Null when <paramref name="certificate"/> chains to one of <see cref="Authorities"/>, else what is wrong.</summary>
    private string? ChainStatus(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(Authorities);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationFlags = X509VerificationFlags.NoFlag;
        policy.ExtraStore.AddRange(Intermediates);
        if (presented is not null)
        {
            // Intermediates the peer sent (never trust anchors: only CustomTrustStore is trusted).
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements.Skip(1))
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var status = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
        return string.Join(", ", status);
    }

    private static string? RequireFile(string? path, string name, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{Key}:{name} is required when {Key}:Enabled is true");
            return null;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{Key}:{name} '{path}' does not exist");
            return null;
        }

        return path;
    }

    private static X509Certificate2Collection? ReadCertificates(string path, string name, List<string> failures)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"{Key}:{name} '{path}' cannot be read as PEM certificates: {exception.Message}");
            return null;
        }

        if (certificates.Count == 0)
        {
            failures.Add($"{Key}:{name} '{path}' holds no PEM certificate");
            return null;
        }

        return certificates;
    }

    private static X509Certificate2? ReadKeyPair(string certificatePath, string keyPath, List<string> failures)
    {
        string key;
        try
        {
            key = File.ReadAllText(keyPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{Key}:KeyPath '{keyPath}' cannot be read: {exception.Message}");
            return null;
        }

        if (!HasPrivateKeyPem(key))
        {
            failures.Add($"{Key}:KeyPath '{keyPath}' holds no unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (!OperatingSystem.IsWindows())
            {
                return certificate;
            }

            // SChannel cannot serve TLS with an ephemeral key: re-import it as PKCS#12.
            using (certificate)
            {
                return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            failures.Add($"{Key}:KeyPath '{keyPath}' is not the private key of the certificate in {Key}:CertificatePath ({exception.Message})");
            return null;
        }
    }

    private static bool HasPrivateKeyPem(string text)
    {
        ReadOnlySpan<char> remaining = text;
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label];
            if (label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY")
            {
                return true;
            }

            remaining = remaining[fields.Location.End..];
        }

        return false;
    }

    private static void CheckCertificate(X509Certificate2 certificate, ClusterTlsRole role, TimeProvider time, List<string> failures)
    {
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            failures.Add($"{Key}:CertificatePath: the certificate is valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}, not now");
        }

        // Without the extension a certificate may be used for anything; with it, the role's usages must be listed.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages;
        if (usages is null)
        {
            return;
        }

        var listed = usages.Cast<Oid>().Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        string[] needed = role == ClusterTlsRole.Silo ? [ServerAuthentication, ClientAuthentication] : [ClientAuthentication];
        if (!needed.All(listed.Contains))
        {
            var names = role == ClusterTlsRole.Silo ? "serverAuth and clientAuth (a silo accepts and opens connections)" : "clientAuth";
            failures.Add($"{Key}:CertificatePath: the certificate's extended key usage must include {names}");
        }
    }

    public void Dispose() => Certificate.Dispose();
}
