namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// HTTPS on the API port (section <c>Security:Https</c>). Off unless <see cref="CertificateFile"/> is set; then the
/// port serves only HTTPS (and <c>wss://</c>).
/// </summary>
public sealed class HttpsOptions
{
    /// <summary>Certificate: a PEM file (with <see cref="KeyFile"/>, or holding the key too) or a PFX/PKCS#12 file (<c>.pfx</c>/<c>.p12</c>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="CertificateFile"/>; null when the key is inside the certificate file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>File holding the password of the PFX or of an encrypted PEM key (trimmed); null for none. Never logged.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>True when a certificate file is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificateFile);
}
