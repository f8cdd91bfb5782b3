using OrleansFeed.Core.Time;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Common.Replay;

/// <summary>
/// Runs a capture through the same venue parsers and book-sync procedures as live traffic, as fast as possible
/// and deterministically. A REST snapshot in the capture is handed to its book when the book asks for one: at
/// once if the recording has already reached it, otherwise when the replay reaches it.
/// </summary>
/// <remarks>Single-threaded; one engine per replay run. Never throws for bad frames (they are counted).</remarks>
public sealed class ReplayEngine : IMarketEventSink
{
    private readonly VenueRegistry _venues;
    private readonly ParseLimits _limits;
    private readonly Dictionary<string, (IVenueProtocol Venue, IFrameParser Parser)> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReplayBook>> _booksByConnection = new(StringComparer.Ordinal);
    private ReplaySession? _session;
    private IVenueProtocol? _currentVenue;
    private string? _currentConnection;
    private Timestamp _currentTime;

    /// <summary>Creates an engine.</summary>
    /// <param name="venues">Venue adapters; a connection's venue is found from its URL.</param>
    /// <param name="limits">Input caps; default when null.</param>
    public ReplayEngine(VenueRegistry venues, ParseLimits? limits = null)
    {
        _venues = venues;
        _limits = limits ?? ParseLimits.Default;
    }

    /// <summary>Called for every trade replayed (e.g. to feed aggregation), after it is counted.</summary>
    public Action<ReplayBook, Trade>? TradeObserver { get; set; }

    /// <summary>Called after every book event the sync procedure handled.</summary>
    public Action<ReplayBook, SyncResult>? BookObserver { get; set; }

    /// <summary>Replays one session.</summary>
    /// <param name="name">Session name.</param>
    /// <param name="files">The files of the session (merged by receive time).</param>
    /// <returns>The final state of every book of the session.</returns>
    /// <exception cref="InvalidDataException">A file is not a capture.</exception>
    public ReplaySession Run(string name, IReadOnlyList<string> files) => Run(name, files, CaptureFile.ReadMerged(files));

    /// <summary>Replays records already read.</summary>
    /// <param name="name">Session name.</param>
    /// <param name="files">File names for the report.</param>
    /// <param name="records">The records in receive-time order.</param>
    /// <returns>The session outcome.</returns>
    public ReplaySession Run(string name, IReadOnlyList<string> files, IEnumerable<CaptureRecord> records)
    {
        var session = new ReplaySession(name, files);
        _session = session;
        _connections.Clear();
        _booksByConnection.Clear();
        foreach (var record in records)
        {
            session.Records++;
            switch (record.Kind)
            {
                case CaptureRecordKind.Open:
                    OpenConnection(record.Source);
                    break;
                case CaptureRecordKind.Received:
                    OnFrame(record);
                    break;
                case CaptureRecordKind.Rest:
                    OnRest(record);
                    break;
            }
        }

        _session = null;
        return session;
    }

    /// <inheritdoc />
    void IMarketEventSink.OnBookEvent(in BookEvent bookEvent)
    {
        var book = GetBook(bookEvent.Symbol);
        var result = book.Sync.OnEvent(bookEvent, listener: null);
        BookObserver?.Invoke(book, result);
        HandleResult(book, result);
    }

    /// <inheritdoc />
    void IMarketEventSink.OnTrade(string symbol, in Trade trade)
    {
        var book = GetBook(symbol);
        book.TradeCount++;
        book.LastTrade = trade;
        TradeObserver?.Invoke(book, trade);
    }

    /// <inheritdoc />
    void IMarketEventSink.OnBestBidOffer(string symbol, in BestBidOffer bbo) => GetBook(symbol).LastVenueBbo = bbo;

    /// <inheritdoc />
    /// <remarks>As live (the connector): the frame may have carried an update, so the book it names, or every book of the
    /// connection when no symbol could be read, gets a <see cref="BookEventKind.PossibleLoss"/> (docs/errors.md#book-states).</remarks>
    void IMarketEventSink.OnRejected(FrameRejectReason reason, string? symbol)
    {
        _session!.RejectedFrames++;
        if (symbol is not null)
        {
            OfferLoss(GetBook(symbol), PossibleLossScope.Symbol);
            return;
        }

        _session.ConnectionRejectedFrames++;
        if (_currentConnection is not null && _booksByConnection.TryGetValue(_currentConnection, out var books))
        {
            foreach (var book in books)
            {
                OfferLoss(book, PossibleLossScope.Connection);
            }
        }
    }

    private void OfferLoss(ReplayBook book, PossibleLossScope scope)
    {
        var result = book.Sync.OnEvent(BookEvent.PossibleLoss(book.Instrument.Symbol, scope, _currentTime), listener: null);
        BookObserver?.Invoke(book, result);
    }

    /// <inheritdoc />
    void IMarketEventSink.OnServerShutdownNotice()
    {
    }

    private void OpenConnection(string url)
    {
        if (_venues.TryMatchUrl(url, out var venue))
        {
            _connections[url] = (venue, venue.CreateParser(venue.CreateSymbolTable([], acceptUnknown: true), _limits));
        }
    }

    private void OnFrame(CaptureRecord record)
    {
        var session = _session!;
        if (!_connections.TryGetValue(record.Source, out var connection))
        {
            session.UnknownVenueFrames++;
            return;
        }

        session.Frames++;
        _currentVenue = connection.Venue;
        _currentConnection = record.Source;
        _currentTime = record.Time;
        var status = connection.Parser.Parse(record.Payload.Span, record.Time, this);
        if (status == ParseStatus.Control)
        {
            session.ControlFrames++;
        }
        else if (status == ParseStatus.Ignored)
        {
            session.IgnoredFrames++;
        }
    }

    private void OnRest(CaptureRecord record)
    {
        if (!_venues.TryMatchUrl(record.Source, out var venue)
            || !venue.TryParseSnapshotResponse(record.Source, record.Payload.Span, record.Time, _limits, out var snapshot, out _))
        {
            return;
        }

        _session!.Snapshots++;
        _currentVenue = venue;
        _currentConnection = null;
        var book = GetBook(snapshot.Symbol);
        book.AvailableSnapshot?.ReturnLevels();
        book.AvailableSnapshot = snapshot;
        if (book.SnapshotRequested)
        {
            DeliverSnapshot(book);
        }
    }

    private void HandleResult(ReplayBook book, SyncResult result)
    {
        if (result.Action != SyncAction.RequestSnapshot)
        {
            return;
        }

        book.SnapshotRequests++;
        book.SnapshotRequested = true;
        if (book.AvailableSnapshot is not null)
        {
            DeliverSnapshot(book);
        }
    }

    private void DeliverSnapshot(ReplayBook book)
    {
        var snapshot = book.AvailableSnapshot!.Value;
        book.AvailableSnapshot = null;
        book.SnapshotRequested = false;
        var result = book.Sync.OnEvent(snapshot, listener: null);
        BookObserver?.Invoke(book, result);
        HandleResult(book, result);
    }

    private ReplayBook GetBook(string symbol)
    {
        var venue = _currentVenue!;
        var key = $"{venue.Venue}:{symbol}";
        if (!_session!.Books.TryGetValue(key, out var book))
        {
            book = new ReplayBook(venue.InferInstrument(symbol), venue.CreateBookSync(symbol));
            _session.Books.Add(key, book);
        }

        if (_currentConnection is not null)
        {
            if (!_booksByConnection.TryGetValue(_currentConnection, out var books))
            {
                _booksByConnection[_currentConnection] = books = [];
            }

            if (!books.Contains(book))
            {
                books.Add(book);
            }
        }

        return book;
    }
}
