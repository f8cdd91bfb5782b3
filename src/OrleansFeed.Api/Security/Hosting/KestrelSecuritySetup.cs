using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.Options;
using OrleansFeed.Api.Security.Tls;

namespace OrleansFeed.Api.Security.Hosting;

/// <summary>
/// Kestrel's one endpoint (<see cref="SecurityOptions.Bind"/> and the API port, HTTPS when a certificate is configured)
/// and its limits (<see cref="KestrelLimitOptions"/>). Reading the options runs their validation, so a refused bind
/// stops the start before anything listens.
/// </summary>
internal sealed class KestrelSecuritySetup(IOptions<SecurityOptions> security, int port) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var settings = security.Value;
        var limits = settings.Limits;
        options.AddServerHeader = false;
        options.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        options.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
        options.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        options.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        options.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        options.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
        options.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinDataRateGracePeriod);
        options.Limits.MinResponseDataRate = new MinDataRate(limits.MinResponseBytesPerSecond, limits.MinDataRateGracePeriod);
        options.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
        options.Limits.MaxConcurrentUpgradedConnections = limits.MaxConcurrentUpgradedConnections;
        SecurityOptionsValidator.TryParseBind(settings.Bind, out var address);
        options.Listen(address, port, listen =>
        {
            if (settings.Https.Enabled)
            {
                listen.UseHttps(CertificateFiles.Load(settings.Https));
            }
        });
    }
}
