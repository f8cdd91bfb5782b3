using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansFeed.Api.Health;

namespace OrleansFeed.Api.Hosting;

/// <summary>Registers the readiness check and maps the liveness and readiness probes.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>
    /// Adds <see cref="BooksSyncedHealthCheck"/> as <c>books-synced</c> with tag <c>ready</c>, and a default
    /// <see cref="IConfiguredBooks"/> (every catalog instrument) unless one is registered already.
    /// </summary>
    /// <param name="builder">From <c>services.AddHealthChecks()</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Health check names must be unique: do not also register another check named <c>books-synced</c>.</remarks>
    public static IHealthChecksBuilder AddOrleansFeedBooksSynced(this IHealthChecksBuilder builder)
    {
        builder.Services.TryAddSingleton<IConfiguredBooks, CatalogConfiguredBooks>();
        return builder.AddCheck<BooksSyncedHealthCheck>(BooksSyncedHealthCheck.Name, tags: [BooksSyncedHealthCheck.ReadyTag]);
    }

    /// <summary>
    /// Maps <c>/health/live</c> (200 whenever the process serves HTTP; runs no check) and <c>/health/ready</c> (every
    /// registered check tagged <c>ready</c>, e.g. <see cref="BooksSyncedHealthCheck"/>: 200 when healthy, 503 otherwise).
    /// Both answer JSON <c>{"status":"Healthy|Degraded|Unhealthy","checks":[{"name","status","description"}]}</c>.
    /// </summary>
    /// <param name="endpoints">The app (or any route builder).</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapOrleansFeedHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(BooksSyncedHealthCheck.ReadyTag),
            ResponseWriter = WriteAsync,
        });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteString("description", entry.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }
}
