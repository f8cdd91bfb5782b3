using OrleansFeed.Grains.Subjects;
using OrleansFeed.Client.Books;
using OrleansFeed.Client.Grains;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Abstractions;
using NATS.Client.Core;
using Orleans;

namespace OrleansFeed.Client;

/// <summary>
/// A client of OrleansFeed silos over NATS (through the silo's NATS bridge, docs/nats-bridge.md): grain-style calls
/// (<c>client.GetGrain&lt;IOrderBookGrain&gt;("binance-futures:BTCUSDT").GetSnapshotAsync(100)</c>) and maintained
/// book subscriptions (<see cref="SubscribeBookAsync"/>).
/// </summary>
/// <remarks>
/// Thread-safe. Owns its NATS connection (created by <see cref="ConnectAsync"/>) unless built over an existing one.
/// Reconnects are the NATS connection's: calls made while disconnected fail with the NATS exception or time out;
/// subscriptions resync by themselves after a reconnect.
/// </remarks>
public sealed class OrleansFeedClient : IAsyncDisposable
{
    private readonly bool _ownsConnection;

    /// <summary>Creates a client over an already connected NATS connection (not disposed by the client).</summary>
    /// <param name="connection">A connected connection.</param>
    /// <param name="options">Options; <see cref="OrleansFeedClientOptions.Default"/> when null (its <c>Nats</c> part is ignored).</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OrleansFeedClient(NatsConnection connection, OrleansFeedClientOptions? options = null)
        : this(connection, options ?? OrleansFeedClientOptions.Default, ownsConnection: false)
    {
    }

    private OrleansFeedClient(NatsConnection connection, OrleansFeedClientOptions options, bool ownsConnection)
    {
        options.Validate();
        Connection = connection;
        Options = options;
        _ownsConnection = ownsConnection;
    }

    /// <summary>The NATS connection used for every call.</summary>
    public NatsConnection Connection { get; }

    /// <summary>The options.</summary>
    public OrleansFeedClientOptions Options { get; }

    /// <summary>Connects to NATS and returns a client that owns the connection.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="NatsException">NATS could not be reached.</exception>
    public static async Task<OrleansFeedClient> ConnectAsync(OrleansFeedClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= OrleansFeedClientOptions.Default;
        options.Validate();
        var connection = new NatsConnection(options.Nats);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new OrleansFeedClient(connection, options, ownsConnection: true);
    }

    /// <summary>A reference to a grain served over NATS. Supported: <see cref="IOrderBookGrain"/> (key <c>venue:symbol</c>).</summary>
    /// <typeparam name="TGrainInterface">The grain interface.</typeparam>
    /// <param name="key">The grain key, e.g. <c>binance-futures:BTCUSDT</c>.</param>
    /// <returns>A cheap reference; each call is one NATS request (timeout <see cref="OrleansFeedClientOptions.RequestTimeout"/>).
    /// Calls throw <see cref="BookNotServedException"/> when no silo serves the book, <see cref="NatsNoReplyException"/>
    /// on timeout, <see cref="OrleansFeedRemoteException"/> when the silo's grain call failed.</returns>
    /// <exception cref="ArgumentException">The key is not <c>venue:symbol</c>.</exception>
    /// <exception cref="NotSupportedException">The interface is not served over NATS.</exception>
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        if (!BookKey.TryParse(key, out var book))
        {
            throw new ArgumentException($"'{key}' is not a venue:symbol book key.", nameof(key));
        }

        if (typeof(TGrainInterface) != typeof(IOrderBookGrain))
        {
            throw new NotSupportedException($"{typeof(TGrainInterface).Name} is not served over NATS; supported: {nameof(IOrderBookGrain)}.");
        }

        return (TGrainInterface)(object)new NatsOrderBookGrain(this, book);
    }

    /// <summary>
    /// Subscribes to a book: takes a snapshot, applies the sequenced deltas after it, and on a sequence gap, an epoch
    /// change, a rebuild or a NATS reconnect takes a fresh snapshot on the same connection. Read the maintained book
    /// through the returned <see cref="BookSubscription"/>.
    /// </summary>
    /// <param name="venue">Venue id, e.g. <c>binance-futures</c>.</param>
    /// <param name="symbol">Native symbol, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="cancellationToken">Cancels the subscribe (not the subscription; dispose it to stop).</param>
    /// <returns>The running subscription (its first snapshot may still be pending; see <see cref="BookSubscription.WaitUntilAsync"/>).</returns>
    /// <exception cref="NatsException">Not connected.</exception>
    public async Task<BookSubscription> SubscribeBookAsync(string venue, string symbol, CancellationToken cancellationToken = default)
    {
        var subscription = new BookSubscription(this, new BookKey(venue, symbol));
        await subscription.StartAsync(cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>
    /// Subscribes to the live trades of one book (<c>{prefix}.trade.{venue}.{symbol}</c>); read them with
    /// <see cref="TradeSubscription.ReadAllAsync"/>. Core NATS: trades published while this client is disconnected are
    /// not replayed (the JetStream stream <c>MD_TRADES</c> has them, docs/nats-bridge.md).
    /// </summary>
    /// <param name="venue">Venue id.</param>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="cancellationToken">Cancels the subscribe.</param>
    /// <returns>The subscription; the server has it when this completes. Dispose to unsubscribe.</returns>
    /// <exception cref="NatsException">Not connected.</exception>
    public async Task<TradeSubscription> SubscribeTradesAsync(string venue, string symbol, CancellationToken cancellationToken = default)
    {
        var subject = MdSubjects.Trade(Options.SubjectPrefix, venue, symbol);
        var subscription = await Connection.SubscribeCoreAsync<ReadOnlyMemory<byte>>(subject, opts: Options.DeltaSubOpts, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Connection.PingAsync(cancellationToken).ConfigureAwait(false);
        return new TradeSubscription(new BookKey(venue, symbol), Connection, subscription);
    }

    /// <summary>Disposes the connection when the client created it. Idempotent.</summary>
    /// <returns>Completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            try
            {
                await Connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (NatsException)
            {
                // NATS.Net unsubscribes on dispose and can time out when the server is slow or gone; the socket closes anyway.
            }
        }
    }
}
