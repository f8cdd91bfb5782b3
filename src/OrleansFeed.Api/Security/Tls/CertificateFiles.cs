using System.Security.Cryptography.X509Certificates;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Tls;

/// <summary>Loads the HTTPS certificate of <see cref="HttpsOptions"/>: PFX/PKCS#12 by extension, PEM otherwise.</summary>
public static class CertificateFiles
{
    /// <summary>Loads the certificate with its private key.</summary>
    /// <param name="https">The settings; <see cref="HttpsOptions.CertificateFile"/> must be set.</param>
    /// <returns>The certificate; the caller owns it.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file is not a certificate, the key does not match or the password is wrong.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static X509Certificate2 Load(HttpsOptions https)
    {
        var path = https.CertificateFile ?? throw new InvalidOperationException("Security:Https:CertificateFile is not set.");
        var password = string.IsNullOrWhiteSpace(https.PasswordFile) ? null : File.ReadAllText(https.PasswordFile).Trim();
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        return password is null
            ? X509Certificate2.CreateFromPemFile(path, https.KeyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, https.KeyFile);
    }
}
