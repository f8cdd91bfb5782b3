using System.Globalization;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// Bitfinex connection planning (WebSocket v2, public domain <c>wss://api-pub.bitfinex.com/ws/2</c>): after connecting,
/// <c>{"event":"conf","flags":196608}</c> (SEQ_ALL + OB_CHECKSUM), then per symbol a <c>book</c> (P0, F0, <c>len</c>),
/// a <c>trades</c> and a <c>ticker</c> subscription.
/// </summary>
/// <remarks>
/// <para>Limits (docs "Public Channels"): 25 channels per connection and 20 connections per minute. With three channels
/// per symbol a connection carries 8 symbols (fewer when <see cref="VenueOptions.MaxStreamsPerConnection"/> is lower).
/// No subscribe-message rate is documented, so a connection's messages (at most 25, one per channel) go out back to back
/// (<see cref="SubscribeInterval"/> is zero): the recorded real session (../shared/data/bitfinex, 2021-04-05, cryptofeed's
/// client) sent its 24 subscribe messages within 2 ms and got 24 <c>subscribed</c> events and no error. The limits that
/// are documented (channels per connection, connections per minute) bound the burst. Keep-alive: the server sends
/// <c>hb</c> on every idle channel each 15 s, so no client ping is needed.</para>
/// <para><c>len</c> follows <see cref="VenueOptions.DepthLimit"/>, rounded up to an allowed value (1, 25, 100, 250).
/// A single book is resynced by unsubscribing its channel id (known to the parser, published in
/// <see cref="BitfinexChannelDirectory"/>) and subscribing again, which sends a fresh snapshot.</para>
/// </remarks>
/// <param name="directory">Live book channel ids.</param>
/// <seealso href="https://docs.bitfinex.com/docs/ws-public"/>
public sealed class BitfinexConnectivity(BitfinexChannelDirectory directory) : IVenueConnectivity
{
    /// <summary>Channels allowed on one connection.</summary>
    public const int MaxChannelsPerConnection = 25;

    /// <summary>Connections opened per minute on <c>api-pub</c> ("Public Channels": 20) → one every 3 s.</summary>
    public static TimeSpan ConnectInterval { get; } = TimeSpan.FromSeconds(60.0 / 20);

    /// <summary>Pause between subscribe messages: none. No rate is documented, and the recorded real session sent its 24
    /// subscribe messages back to back, all acknowledged (remarks). Pacing them 50 ms apart [assumed before] held every
    /// start 1.2 s for nothing.</summary>
    public static TimeSpan SubscribeInterval { get; } = TimeSpan.Zero;

    /// <summary>The conf flags sent on connect: SEQ_ALL + OB_CHECKSUM.</summary>
    public const int Flags = BitfinexConfFlags.SeqAll + BitfinexConfFlags.OrderBookChecksum;

    /// <inheritdoc />
    public int DefaultWeightPerMinute => 45;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var ws = string.IsNullOrEmpty(options.WebSocketUrl) ? "wss://api-pub.bitfinex.com/ws/2" : options.WebSocketUrl;
        var symbols = options.Symbols.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
        var perConnection = Math.Max(1, Math.Min(options.MaxStreamsPerConnection, MaxChannelsPerConnection) / 3);
        var plans = new List<ConnectionPlan>();
        for (var shard = 0; shard * perConnection < symbols.Count; shard++)
        {
            var group = symbols.Skip(shard * perConnection).Take(perConnection).ToArray();
            var messages = new List<string> { string.Create(CultureInfo.InvariantCulture, $$"""{"event":"conf","flags":{{Flags}}}""") };
            messages.AddRange(group.Select(s => SubscribeBook(options, s)));
            messages.AddRange(group.Select(s => Subscribe("trades", s)));
            messages.AddRange(group.Select(s => Subscribe("ticker", s)));
            plans.Add(new ConnectionPlan($"public-{shard}", new Uri(ws), messages, group)
            {
                SubscribeMessageInterval = SubscribeInterval,
                ConnectDelay = ConnectInterval * shard,
            });
        }

        return plans;
    }

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Rest(options)}/v2/book/{Uri.EscapeDataString(symbol)}/P0?len={Length(options)}"));

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => 1;

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol)
    {
        var subscribe = SubscribeBook(options, symbol);
        return directory.TryGetBook(symbol, out var chanId)
            ? [string.Create(CultureInfo.InvariantCulture, $$"""{"event":"unsubscribe","chanId":{{chanId}}}"""), subscribe]
            : [subscribe];
    }

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => new($"{Rest(options)}/v2/conf/pub:info:pair");

    /// <summary>Native symbol form: <c>t</c> + pair (<c>BTCUSD</c> → <c>tBTCUSD</c>).</summary>
    /// <param name="symbol">A configured symbol.</param>
    /// <returns>The symbol with its <c>t</c> prefix.</returns>
    public static string Normalize(string symbol)
    {
        var trimmed = symbol.Trim();
        return trimmed.Length > 1 && trimmed[0] == 't' && char.IsUpper(trimmed[1]) ? trimmed : "t" + trimmed.ToUpperInvariant();
    }

    /// <summary>The book <c>len</c> for the configured depth: 1, 25, 100 or 250.</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The length.</returns>
    public static int Length(VenueOptions options) => (options.DepthLimit ?? VenueOptions.DefaultDepthLimit) switch
    {
        <= 1 => 1,
        <= 25 => 25,
        <= 100 => 100,
        _ => 250,
    };

    private static string SubscribeBook(VenueOptions options, string symbol) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"event":"subscribe","channel":"book","symbol":{{Quote(symbol)}},"prec":"P0","freq":"F0","len":"{{Length(options)}}"}""");

    private static string Subscribe(string channel, string symbol) => $$"""{"event":"subscribe","channel":"{{channel}}","symbol":{{Quote(symbol)}}}""";

    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";

    private static string Rest(VenueOptions options) => string.IsNullOrEmpty(options.RestUrl) ? "https://api-pub.bitfinex.com" : options.RestUrl.TrimEnd('/');
}
