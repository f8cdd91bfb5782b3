using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Connectors;

namespace OrleansFeed.Grains.Instruments;

/// <summary>
/// Replaces the inferred instruments of the configured books with the venues' reference data (tick size, lot size,
/// status, expiry) read from each venue's instrument endpoint (<see cref="IVenueConnectivity.InstrumentsUri"/>,
/// parsed by <see cref="IVenueProtocol.TryParseInstruments"/>). Runs in the background after start so an
/// unreachable reference endpoint never delays ingest: books start with inferred instruments (tick and lot size 0,
/// status unknown) and are upgraded when the reference arrives; a failure is logged once per venue and retried
/// with a doubling delay (1 min up to 1 h).
/// </summary>
public sealed partial class InstrumentReferenceLoader(
    IOptions<FeedOptions> feed, VenueRegistry venues, IInstrumentCatalog catalog, IHttpClientFactory http, TimeProvider time, ILogger<InstrumentReferenceLoader> logger)
    : BackgroundService
{
    /// <summary>Venues whose reference data has been loaded.</summary>
    public IReadOnlyCollection<string> Loaded => _loaded.Keys.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _loaded = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(feed.Value.EnabledVenues.Select(v => LoadVenueAsync(v.Key, v.Value, stoppingToken)));

    private async Task LoadVenueAsync(string venue, VenueOptions options, CancellationToken cancellationToken)
    {
        if (!options.LoadInstruments || !venues.TryGet(venue, out var protocol) || protocol is not IVenueConnectivity connectivity
            || connectivity.InstrumentsUri(options) is not { } uri)
        {
            return;
        }

        var delay = TimeSpan.FromMinutes(1);
        var logged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = http.CreateClient(venue);
                client.Timeout = TimeSpan.FromSeconds(20);
                var body = await client.GetByteArrayAsync(uri, cancellationToken).ConfigureAwait(false);
                if (protocol.TryParseInstruments(body, out var instruments))
                {
                    var applied = Apply(venue, options, instruments);
                    _loaded[venue] = true;
                    LogLoaded(logger, venue, instruments.Count, applied);
                    return;
                }

                throw new FormatException("the response is not the venue's instrument list");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or FormatException && !cancellationToken.IsCancellationRequested)
            {
                if (!logged)
                {
                    LogFailed(logger, venue, uri, ex.Message);
                    logged = true;
                }
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromHours(1).Ticks));
        }
    }

    private int Apply(string venue, VenueOptions options, IReadOnlyList<Instrument> instruments)
    {
        var bySymbol = instruments.ToDictionary(i => i.Symbol, StringComparer.OrdinalIgnoreCase);
        var applied = 0;
        foreach (var symbol in options.Symbols)
        {
            if (bySymbol.TryGetValue(symbol, out var instrument))
            {
                catalog.AddOrUpdate(instrument with { Venue = venue });
                applied++;
            }
        }

        return applied;
    }

    [LoggerMessage(EventId = 2401, EventName = "InstrumentsLoaded", Level = LogLevel.Information, Message = "Reference data for {Venue}: {Count} instruments, {Applied} configured symbols updated")]
    private static partial void LogLoaded(ILogger logger, string venue, int count, int applied);

    [LoggerMessage(EventId = 2402, EventName = "InstrumentsFailed", Level = LogLevel.Warning, Message = "Reference data for {Venue} from {Uri} unavailable ({Error}); books keep inferred instruments, retrying in the background")]
    private static partial void LogFailed(ILogger logger, string venue, Uri uri, string error);
}
