using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// Turns the bridge's credential settings into client options: secrets read from their files (trimmed) when given,
/// TLS trust from <see cref="NatsBridgeTlsOptions.CaFile"/>. The configuration surface (user/password, token, TLS trust)
/// is the client's generic one, so another NATS client can take the same keys. Secrets are never logged.
/// </summary>
internal static class NatsBridgeSecrets
{
    /// <summary>The client options' authentication and TLS parts from <paramref name="options"/>.</summary>
    /// <exception cref="IOException">A secret or CA file cannot be read (the validator reports this at start).</exception>
    public static NatsOpts Apply(NatsOpts opts, NatsBridgeOptions options) => opts with
    {
        AuthOpts = opts.AuthOpts with
        {
            Username = options.Username,
            Password = ReadSecret(options.PasswordFile) ?? options.Password,
            Token = ReadSecret(options.TokenFile) ?? options.Token,
            NKeyFile = Blank(options.NKeyFile),
            CredsFile = Blank(options.CredsFile),
        },
        TlsOpts = Tls(opts.TlsOpts, options.Tls),
    };

    /// <summary>Reads a secret file, trimmed; null when <paramref name="path"/> is null or blank.</summary>
    public static string? ReadSecret(string? path) => string.IsNullOrWhiteSpace(path) ? null : File.ReadAllText(path).Trim();

    private static string? Blank(string? path) => string.IsNullOrWhiteSpace(path) ? null : path;

    private static NatsTlsOpts Tls(NatsTlsOpts defaults, NatsBridgeTlsOptions? tls)
    {
        if (tls is null || (string.IsNullOrWhiteSpace(tls.CaFile) && tls.TargetHost is null))
        {
            return defaults;
        }

        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(tls.CaFile))
        {
            roots.ImportFromPemFile(tls.CaFile);
        }

        // The mode stays the default: TLS with a tls:// URL or when the server requires it.
        return defaults with
        {
            ConfigureClientAuthentication = client =>
            {
                if (tls.TargetHost is not null)
                {
                    client.TargetHost = tls.TargetHost;
                }

                if (roots.Count > 0)
                {
                    client.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(roots, certificate, errors);
                }

                return ValueTask.CompletedTask;
            },
        };
    }

    /// <summary>The server certificate chains to one of <paramref name="roots"/> and matches the host name.</summary>
    private static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
