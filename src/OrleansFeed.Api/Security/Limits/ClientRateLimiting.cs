using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Authentication;
using OrleansFeed.Api.Security.Authorization;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Limits;

/// <summary>
/// Configures ASP.NET Core rate limiting's global limiter, partitioned per client (<see cref="ClientIdentity"/>: key,
/// token subject, or IP when anonymous): REST requests take a token from the client's <see cref="ClockTokenBucket"/>;
/// WebSocket upgrades take one of the client's <see cref="ClientTierOptions.MaxConnections"/> concurrency permits for
/// the session's life; open paths are not limited. Rejections answer 429 problem details with <c>Retry-After</c> and
/// are audited.
/// </summary>
internal sealed class ClientRateLimiting(IOptions<SecurityOptions> security, IOptions<ApiOptions> api, TimeProvider time, AuditLog audit) : IConfigureOptions<RateLimiterOptions>
{
    public void Configure(RateLimiterOptions options)
    {
        var settings = security.Value;
        var wsPath = api.Value.WebSocket.Path;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (OpenPaths.Contains(settings, context.Request.Path))
            {
                return RateLimitPartition.GetNoLimiter("open");
            }

            var client = ClientIdentity.Of(context);
            if (client.IsAnonymous && !settings.LimitsAnonymous)
            {
                return RateLimitPartition.GetNoLimiter("local");
            }

            var tier = client.LimitsIn(settings);
            // Every request to the WebSocket path is an upgrade attempt (others get 400); HttpContext.WebSockets is not
            // usable here, the endpoint's own UseWebSockets has not run yet.
            if (context.Request.Path.Equals(wsPath, StringComparison.Ordinal))
            {
                return RateLimitPartition.GetConcurrencyLimiter("ws|" + client.Client, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = tier.MaxConnections,
                    QueueLimit = 0,
                });
            }

            return RateLimitPartition.Get("rest|" + client.Client, _ => new ClockTokenBucket(tier.RequestBurst, tier.RequestsPerSecond, time));
        });
        options.OnRejected = (context, _) =>
        {
            var http = context.HttpContext;
            var client = ClientIdentity.Of(http);
            var tier = client.LimitsIn(settings);
            var tierName = client.Tier ?? "anonymous";
            TimeSpan? retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
            var detail = http.Request.Path.Equals(wsPath, StringComparison.Ordinal)
                ? $"WebSocket connection limit of tier {tierName} reached ({tier.MaxConnections} open connections)."
                : $"Request rate limit of tier {tierName} reached ({tier.RequestsPerSecond}/s, burst {tier.RequestBurst}).";
            audit.RequestRefused(client.Client, http.Request.Path, StatusCodes.Status429TooManyRequests, detail);
            return new ValueTask(SecurityProblems.WriteTooManyRequestsAsync(http, detail, retryAfter));
        };
    }
}
