using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// The <see cref="IVenueProtocol"/> and <see cref="IVenueConnectivity"/> of OKX v5 (venue id <c>okx</c>): in-stream
/// snapshots (<see cref="BookSnapshotSource.Stream"/>), <c>seqId</c>/<c>prevSeqId</c> chaining and the CRC-32 checksum
/// when non-zero (<see cref="OkxBookSync"/>), <c>trades</c> and <c>tickers</c>. Stateless and thread-safe.
/// </summary>
/// <remarks>Register with <c>new VenueRegistry([new OkxProtocol()])</c> (or beside other venues); the parser accepts
/// every book channel, the book channel option decides what live connections subscribe and the book depth kept.</remarks>
/// <param name="bookChannel">Book channel for live connections: <see cref="OkxChannel.Books"/> (default, public),
/// <see cref="OkxChannel.BooksL2Tbt"/> or <see cref="OkxChannel.Books50L2Tbt"/>.</param>
/// <seealso href="https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel"/>
public sealed class OkxProtocol(OkxChannel bookChannel = OkxChannel.Books) : IVenueProtocol, IVenueConnectivity
{
    private readonly OkxConnectivity _connectivity = new(bookChannel);

    /// <inheritdoc />
    public string Venue => Venues.Okx;

    /// <summary>The book channel live connections subscribe.</summary>
    public OkxChannel BookChannel { get; } = bookChannel;

    /// <inheritdoc />
    public int DefaultWeightPerMinute => _connectivity.DefaultWeightPerMinute;

    /// <inheritdoc />
    public BookSnapshotSource SnapshotSource => BookSnapshotSource.Stream;

    /// <summary>The adapter with its default options.</summary>
    /// <returns>One OKX adapter.</returns>
    public static IEnumerable<IVenueProtocol> All() => [new OkxProtocol()];

    /// <inheritdoc />
    public IReadOnlyList<ConnectionPlan> PlanConnections(VenueOptions options) => _connectivity.PlanConnections(options);

    /// <inheritdoc />
    public IReadOnlyList<string> ResubscribeMessages(VenueOptions options, string symbol) => _connectivity.ResubscribeMessages(options, symbol);

    /// <inheritdoc />
    public Uri SnapshotUri(VenueOptions options, string symbol) => _connectivity.SnapshotUri(options, symbol);

    /// <inheritdoc />
    public int SnapshotWeight(VenueOptions options) => _connectivity.SnapshotWeight(options);

    /// <inheritdoc />
    public Uri? InstrumentsUri(VenueOptions options) => _connectivity.InstrumentsUri(options);

    /// <summary>True for OKX (and its former name OKEx) v5 WebSocket and REST URLs, e.g. <c>wss://ws.okex.com:8443/ws/v5/public</c>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Whether this adapter handles it.</returns>
    public bool MatchesUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host;
        var okx = host.EndsWith("okx.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith("okex.com", StringComparison.OrdinalIgnoreCase);
        return okx && (uri.AbsolutePath.StartsWith("/ws/v5/", StringComparison.Ordinal) || uri.AbsolutePath.StartsWith("/api/v5/", StringComparison.Ordinal));
    }

    /// <summary>
    /// <c>BookChannel</c> must be empty, <c>books</c>, <c>books-l2-tbt</c> or <c>books50-l2-tbt</c>; <c>DepthLimit</c> is
    /// unused (the channel sets the depth: 400 or 50) and, when set, must be 5..5000 like elsewhere.
    /// </summary>
    /// <param name="options">The venue's options.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>Problems found.</returns>
    public IEnumerable<string> ValidateOptions(VenueOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DepthLimit is < 5 or > 5000)
        {
            yield return $"{section}:DepthLimit must be 5..5000 (was {options.DepthLimit}).";
        }

        if (!TryReadBookChannel(options.BookChannel, out _))
        {
            yield return $"{section}:BookChannel must be books, books-l2-tbt or books50-l2-tbt (was '{options.BookChannel}').";
        }
    }

    /// <summary>An adapter subscribing and keeping the configured <c>BookChannel</c> (this one when it is already that channel).</summary>
    /// <param name="options">The venue's options.</param>
    /// <returns>The configured adapter.</returns>
    /// <exception cref="ArgumentException"><c>BookChannel</c> is not an OKX book channel.</exception>
    public IVenueProtocol Configure(VenueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TryReadBookChannel(options.BookChannel, out var channel))
        {
            throw new ArgumentException($"Feed:Venues:{Venue}:BookChannel '{options.BookChannel}' is not an OKX book channel.", nameof(options));
        }

        return channel == BookChannel ? this : new OkxProtocol(channel);
    }

    /// <summary>Reads a configured book channel name; empty means <see cref="OkxChannel.Books"/>.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>False for anything but <c>books</c>, <c>books-l2-tbt</c>, <c>books50-l2-tbt</c> or empty.</returns>
    public static bool TryReadBookChannel(string? name, out OkxChannel channel)
    {
        channel = string.IsNullOrWhiteSpace(name) ? OkxChannel.Books : OkxChannels.FromName(System.Text.Encoding.UTF8.GetBytes(name.Trim()));
        return channel is OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt;
    }

    /// <inheritdoc />
    public IFrameParser CreateParser(SymbolTable symbols, ParseLimits limits) => new OkxFrameParser(symbols, limits);

    /// <inheritdoc />
    public IBookSynchronizer CreateBookSync(string symbol) => new OkxBookSync(OkxChannels.Depth(BookChannel));

    /// <summary>OKX instrument ids are upper case and case-sensitive: no case folding.</summary>
    /// <param name="symbols">Known instrument ids.</param>
    /// <param name="acceptUnknown">Add unseen ids (replay).</param>
    /// <returns>The table.</returns>
    public SymbolTable CreateSymbolTable(IEnumerable<string> symbols, bool acceptUnknown) => new(symbols, acceptUnknown);

    /// <summary>OKX books come from the stream: there is no REST snapshot to read.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <param name="receiveTime">When it arrived.</param>
    /// <param name="limits">Input caps.</param>
    /// <param name="snapshot">Always default.</param>
    /// <param name="reason">Always <see cref="FrameRejectReason.UnknownType"/>.</param>
    /// <returns>False.</returns>
    public bool TryParseSnapshotResponse(string url, ReadOnlySpan<byte> body, Timestamp receiveTime, ParseLimits limits, out BookEvent snapshot, out FrameRejectReason reason)
    {
        snapshot = default;
        reason = FrameRejectReason.UnknownType;
        return false;
    }

    /// <inheritdoc />
    public Instrument InferInstrument(string symbol) => OkxSymbols.Infer(symbol);

    /// <inheritdoc />
    public bool TryParseInstruments(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments) =>
        OkxInstrumentsParser.TryParse(body, out instruments);
}
