using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// OKX v5 connection planning (§6 "Endpoints, subscribe, heartbeat"): one public connection per group of at most
/// <see cref="MaxBookInstrumentsPerConnection"/> instruments (the docs advise under 30 deep-book channels per
/// connection), each instrument subscribing its book channel, <c>trades</c> and <c>tickers</c> in one
/// <c>{"op":"subscribe","args":[…]}</c> message (split at 64 KiB). Keep-alive: the text <c>ping</c> every 25 s
/// (the server drops connections idle for 30 s).
/// </summary>
/// <param name="bookChannel">The book channel subscribed: <see cref="OkxChannel.Books"/> (public, default),
/// <see cref="OkxChannel.BooksL2Tbt"/> or <see cref="OkxChannel.Books50L2Tbt"/> (login + VIP tier today).</param>
public sealed class OkxConnectivity(OkxChannel bookChannel = OkxChannel.Books) : IVenueConnectivity
{
    /// <summary>Most instruments (each one deep-book channel) per connection: the docs advise fewer than 30.</summary>
    public const int MaxBookInstrumentsPerConnection = 29;

    /// <summary>Largest subscribe message, in bytes (OKX rejects longer requests; [unconfirmed] 64 KiB).</summary>
    public const int MaxSubscribeBytes = 64 * 1024;

    /// <summary>Default public WebSocket endpoint.</summary>
    public const string DefaultWebSocketUrl = "wss://ws.okx.com:8443/ws/v5/public";

    /// <summary>Default REST base URL.</summary>
    public const string DefaultRestUrl = "https://www.okx.com";

    /// <summary>The text keep-alive: <c>ping</c> every 25 s, inside the 30 s idle cut-off (§6).</summary>
    public static ConnectionKeepAlive KeepAlive { get; } = new("ping", TimeSpan.FromSeconds(25));

    /// <summary>Pause between subscribe/unsubscribe requests on one connection: 480 per hour ([unconfirmed] §6) → 7.5 s.</summary>
    public static TimeSpan SubscribeInterval { get; } = TimeSpan.FromSeconds(3600.0 / 480);

    /// <summary>Connection requests per IP: about 3 per second ([unconfirmed] §6) → one every 350 ms.</summary>
    public static TimeSpan ConnectInterval { get; } = TimeSpan.FromMilliseconds(350);

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>REST budget: about 40 requests per 2 s per IP (§6 REST, unconfirmed) → 1200 per minute.</summary>
    public int DefaultWeightPerMinute => 1200;

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options)
    {
        var ws = new Uri(string.IsNullOrEmpty(options.WebSocketUrl) ? DefaultWebSocketUrl : options.WebSocketUrl);
        var perConnection = Math.Clamp(options.MaxStreamsPerConnection / 3, 1, MaxBookInstrumentsPerConnection);
        var symbols = options.Symbols.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var plans = new List<ConnectionPlan>();
        for (var start = 0; start < symbols.Count; start += perConnection)
        {
            var group = symbols.GetRange(start, Math.Min(perConnection, symbols.Count - start));
            var args = new List<(string Channel, string InstId)>();
            args.AddRange(group.Select(s => (OkxChannels.Name(bookChannel), s)));
            args.AddRange(group.Select(s => (OkxChannels.Name(OkxChannel.Trades), s)));
            args.AddRange(group.Select(s => (OkxChannels.Name(OkxChannel.Tickers), s)));
            plans.Add(new ConnectionPlan(string.Create(CultureInfo.InvariantCulture, $"public-{plans.Count}"), ws, SubscribeMessages("subscribe", args), group)
            {
                KeepAlive = KeepAlive,
                SubscribeMessageInterval = SubscribeInterval,
                ConnectDelay = ConnectInterval * plans.Count,
            });
        }

        return plans;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol)
    {
        (string, string)[] arg = [(OkxChannels.Name(bookChannel), symbol)];
        return [.. SubscribeMessages("unsubscribe", arg), .. SubscribeMessages("subscribe", arg)];
    }

    /// <summary>The REST book snapshot (<c>/api/v5/market/books?instId=…&amp;sz=400</c>); unused: the stream sends snapshots.</summary>
    /// <param name="options">Venue options.</param>
    /// <param name="symbol">Instrument id.</param>
    /// <returns>The URL.</returns>
    public Uri SnapshotUri(VenueOptions options, string symbol) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Rest(options)}/api/v5/market/books?instId={Uri.EscapeDataString(symbol)}&sz=400"));

    /// <summary>One request per snapshot (OKX limits by request count).</summary>
    /// <param name="options">Venue options.</param>
    /// <returns>1.</returns>
    public int SnapshotWeight(VenueOptions options) => 1;

    /// <summary>
    /// <c>/api/v5/public/instruments?instType=…</c> for the instrument type of the first configured symbol (the
    /// endpoint takes one type per request; a mixed symbol list is read with one request per type by the caller).
    /// </summary>
    /// <param name="options">Venue options.</param>
    /// <returns>The URL.</returns>
    public Uri? InstrumentsUri(VenueOptions options)
    {
        var kind = options.Symbols.Count > 0 ? OkxSymbols.Infer(options.Symbols[0].ToUpperInvariant()).Kind : InstrumentKind.Spot;
        return new Uri($"{Rest(options)}/api/v5/public/instruments?instType={InstType(kind)}");
    }

    /// <summary>The <c>instType</c> query value of an instrument kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>SPOT</c>, <c>SWAP</c>, <c>FUTURES</c> or <c>OPTION</c>.</returns>
    public static string InstType(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Perpetual => "SWAP",
        InstrumentKind.Future => "FUTURES",
        InstrumentKind.Option => "OPTION",
        _ => "SPOT",
    };

    /// <summary>Builds <c>{"op":op,"args":[{"channel","instId"},…]}</c> messages, each under <see cref="MaxSubscribeBytes"/>.</summary>
    /// <param name="op"><c>subscribe</c> or <c>unsubscribe</c>.</param>
    /// <param name="args">Channel and instrument pairs.</param>
    /// <returns>The text frames.</returns>
    public static IReadOnlyList<string> SubscribeMessages(string op, IReadOnlyList<(string Channel, string InstId)> args)
    {
        var messages = new List<string>();
        var batch = new List<(string, string)>();
        var size = 0;
        foreach (var arg in args)
        {
            var cost = arg.Channel.Length + arg.InstId.Length + 32;
            if (batch.Count > 0 && size + cost > MaxSubscribeBytes - 64)
            {
                messages.Add(Write(op, batch));
                batch.Clear();
                size = 0;
            }

            batch.Add(arg);
            size += cost;
        }

        if (batch.Count > 0)
        {
            messages.Add(Write(op, batch));
        }

        return messages;
    }

    private static string Write(string op, List<(string Channel, string InstId)> args)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op);
            writer.WriteStartArray("args");
            foreach (var (channel, instId) in args)
            {
                writer.WriteStartObject();
                writer.WriteString("channel", channel);
                writer.WriteString("instId", instId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Rest(VenueOptions options) =>
        string.IsNullOrEmpty(options.RestUrl) ? DefaultRestUrl : options.RestUrl.TrimEnd('/');
}
