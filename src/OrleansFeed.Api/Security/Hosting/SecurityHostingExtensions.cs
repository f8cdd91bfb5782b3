using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Authentication;
using OrleansFeed.Api.Security.Authorization;
using OrleansFeed.Api.Security.Limits;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.Hosting;

/// <summary>
/// Registers the API's security (section <c>Security</c>, docs/security.md): Kestrel endpoint and limits, API key and
/// JWT authentication, the fallback authorization policy, per-client rate limits and the audit log.
/// </summary>
public static class SecurityHostingExtensions
{
    /// <summary>The log category of ASP.NET Core's "Request starting/finished" events, which include the query string.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Registers everything and makes Kestrel listen on <see cref="SecurityOptions.Bind"/>:<paramref name="port"/>
    /// (loopback by default), replacing any <c>UseUrls</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="port">The API port; 0 picks a free one.</param>
    /// <returns>The same collection.</returns>
    /// <exception cref="OptionsValidationException">At start, when the configuration is refused (e.g. a public bind without authentication).</exception>
    public static IServiceCollection AddOrleansFeedSecurity(this IServiceCollection services, int port)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<WebSocketAccessFactory>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(sp => new KestrelSecuritySetup(sp.GetRequiredService<IOptions<SecurityOptions>>(), port));
        services.AddHostedService(sp => new SecurityStartupReport(
            sp.GetRequiredService<IOptions<SecurityOptions>>(), sp.GetRequiredService<ApiKeyStore>(), sp.GetRequiredService<AuditLog>(), port));

        services.AddAuthentication(SecuritySchemes.Client)
            .AddPolicyScheme(SecuritySchemes.Client, "API key or JWT", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(SecuritySchemes.ApiKey, _ => { })
            .AddJwtBearer(SecuritySchemes.Bearer, _ => { });
        services.AddOptions<ApiKeyAuthenticationOptions>(SecuritySchemes.ApiKey)
            .Configure<IOptions<SecurityOptions>>((o, s) => o.Header = s.Value.ApiKeyHeader);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(SecuritySchemes.Client)
            .AddRequirements(new ApiAccessRequirement())
            .Build());
        services.AddSingleton<IAuthorizationHandler, ApiAccessHandler>();
        // The request-line logs of ASP.NET Core hosting (Information) print the query string, which may hold
        // ?access_token=<JWT>. They are capped at Warning here, after (so over) any configured level; the audit log
        // records what matters without the secret.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, RequestLineCategory, LogLevel.Warning, null)));
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ClientRateLimiting>();
        return services;
    }

    /// <summary>Adds authentication, rate limiting and authorization to the pipeline, in that order; call before mapping endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseOrleansFeedSecurity(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseRateLimiter(); // After authentication: limits are per key; before authorization: failed guesses are limited too.
        app.UseAuthorization();
        return app;
    }

    private static string SelectScheme(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (context.Request.Headers.ContainsKey(options.ApiKeyHeader))
        {
            return SecuritySchemes.ApiKey;
        }

        if (options.Jwt.Enabled && (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || context.Request.Query.ContainsKey("access_token")))
        {
            return SecuritySchemes.Bearer;
        }

        return string.IsNullOrWhiteSpace(options.ApiKeysFile) && options.Jwt.Enabled ? SecuritySchemes.Bearer : SecuritySchemes.ApiKey;
    }
}
