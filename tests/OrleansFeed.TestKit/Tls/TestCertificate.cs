using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansFeed.TestKit.Tls;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 generated in the test (RSA 2048, one day), written as PEM files to a
/// fresh temporary directory that <see cref="Dispose"/> deletes. It is its own CA: trust it by its PEM file.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private readonly DirectoryInfo _dir;

    private TestCertificate(X509Certificate2 certificate, DirectoryInfo dir)
    {
        Certificate = certificate;
        _dir = dir;
        CertificateFile = Path.Combine(dir.FullName, "server.crt");
        KeyFile = Path.Combine(dir.FullName, "server.key");
        File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>PEM certificate file (also usable as the CA file that trusts it).</summary>
    public string CertificateFile { get; }

    /// <summary>PEM PKCS#8 private key file.</summary>
    public string KeyFile { get; }

    /// <summary>Directory holding the files; tests may put secret files here too.</summary>
    public string Directory => _dir.FullName;

    /// <summary>Creates the certificate (subject and SAN 127.0.0.1, server authentication) and its files.</summary>
    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificate(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)), System.IO.Directory.CreateTempSubdirectory("orleansfeed-cert-"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _dir.Delete(recursive: true);
    }
}
