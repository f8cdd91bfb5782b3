using System.Net.Security;

namespace OrleansFeed.Nats;

/// <summary>TLS settings of a <see cref="NatsConnection"/>; immutable, changed with <c>with</c>.</summary>
/// <remarks>
/// The client upgrades the TCP stream with <see cref="SslStream"/> right after the server's INFO when the INFO has
/// <c>tls_required</c> or the URL scheme is <c>tls</c> (NATS "TLS upgrade", not TLS-first).
/// </remarks>
/// <seealso href="https://docs.nats.io/running-a-nats-service/configuration/securing_nats/tls"/>
public sealed record NatsTlsOpts
{
    /// <summary>Defaults: system trust store, host name taken from the URL.</summary>
    public static readonly NatsTlsOpts Default = new();

    /// <summary>Host name checked against the server certificate; null uses the URL host. Default null.</summary>
    public string? TargetHost { get; init; }

    /// <summary>Certificate validation override; null uses the platform's validation. Dangerous if it accepts everything.</summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; init; }
}
