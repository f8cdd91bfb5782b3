namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// TLS to the NATS server (section <c>Nats:Tls</c>). TLS itself is switched on by a <c>tls://</c> URL or by a server
/// that requires it; these settings say whom to trust.
/// </summary>
public sealed class NatsBridgeTlsOptions
{
    /// <summary>
    /// PEM file of the CA certificate(s) that sign the server's certificate; the server chain must end in one of them
    /// (the system trust store is not used then). Null (default): the system trust store.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>Host name checked against the server certificate; null (default) uses the URL's host.</summary>
    public string? TargetHost { get; set; }
}
