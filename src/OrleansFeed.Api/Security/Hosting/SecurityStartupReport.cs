using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Hosting;

/// <summary>Says at start how the API is exposed (audit events 5800-5802), and loads the API keys before the first request.</summary>
internal sealed class SecurityStartupReport(IOptions<SecurityOptions> security, ApiKeyStore keys, AuditLog audit, int port) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var s = security.Value;
        audit.SecurityConfigured(s.Bind, port, s.Https.Enabled, keys.Count > 0 || !string.IsNullOrWhiteSpace(s.ApiKeysFile), s.Jwt.Enabled, !s.AuthenticationConfigured, string.Join(' ', s.HealthOpen ? s.OpenPaths.Prepend("/health") : s.OpenPaths));
        SecurityOptionsValidator.TryParseBind(s.Bind, out var address);
        if (!s.AuthenticationConfigured)
        {
            if (IPAddress.IsLoopback(address))
            {
                audit.LoopbackOnly(s.Bind);
            }
            else
            {
                audit.AnonymousPublicBind(s.Bind);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
