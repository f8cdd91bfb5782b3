using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OrleansFeed.Redis.Connection;

/// <summary>
/// Trust for the Redis server's TLS certificate: the chain must end in one of the CA certificates of
/// <see cref="RedisOptions.TlsCaFile"/> and the host name must match; the system trust store is not consulted.
/// </summary>
internal sealed class RedisTlsTrust
{
    private readonly X509Certificate2Collection _roots;

    private RedisTlsTrust(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Reads the CA certificates of a PEM file.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file holds no valid certificate.</exception>
    public static RedisTlsTrust From(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return new RedisTlsTrust(roots);
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
