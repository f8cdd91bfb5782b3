using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansFeed.EndToEnd.Tests.Venues;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary>
/// A WebSocket client of one silo following one book as docs/websocket-protocol.md tells a client to: every snapshot
/// replaces its book, deltas are applied in order (size "0" removes a level). It keeps what the failover test asserts:
/// the epoch of every snapshot received, every break of the contract (a delta whose sequence is not the previous one + 1,
/// a delta of another epoch than its snapshot, a delta before any snapshot, an error message) and the current book.
/// </summary>
internal sealed class BookSocketFollower : IAsyncDisposable
{
    // The whole book, so that the top levels compared with REST are never missing a level the snapshot cut off.
    private const int Depth = 5000;

    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();
    private readonly List<(long Epoch, long Sequence, string SyncState)> _snapshots = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<long, int> _deltasByEpoch = [];
    private byte[] _buffer = new byte[1 << 16];
    private Task _loop = Task.CompletedTask;
    private long _epoch = -1;
    private long _sequence = -1;
    private string _syncState = "none";
    private int _deltasSinceSnapshot;

    private BookSocketFollower(string silo) => Silo = silo;

    /// <summary>Test-side name of the silo whose WebSocket this client uses.</summary>
    public string Silo { get; }

    /// <summary>Why the receive loop ended (the silo went away, or the test stopped it); null while it runs.</summary>
    public string? Ended { get; private set; }

    /// <summary>Connects to <paramref name="api"/>'s <c>/ws</c>, subscribes to the book and starts receiving.</summary>
    public static async Task<BookSocketFollower> StartAsync(string silo, Uri api, string venue, string symbol, CancellationToken ct)
    {
        var follower = new BookSocketFollower(silo);
        await follower._socket.ConnectAsync(new Uri($"ws://{api.Authority}/ws"), ct);
        var subscribe = $$"""{"op":"subscribe","channel":"book","venue":"{{venue}}","symbol":"{{symbol}}","depth":{{Depth}},"id":1}""";
        await follower._socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, ct);
        follower._loop = follower.ReceiveLoopAsync();
        return follower;
    }

    /// <summary>Epoch, sequence and state of every snapshot received so far, in order.</summary>
    public IReadOnlyList<(long Epoch, long Sequence, string SyncState)> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots];
            }
        }
    }

    /// <summary>Every break of the book contract seen so far (empty when the stream kept it).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Current epoch, sequence, state and deltas applied since the last snapshot.</summary>
    public (long Epoch, long Sequence, string SyncState, int DeltasSinceSnapshot) Position
    {
        get
        {
            lock (_gate)
            {
                return (_epoch, _sequence, _syncState, _deltasSinceSnapshot);
            }
        }
    }

    /// <summary>How many deltas were applied in epochs above <paramref name="epoch"/>.</summary>
    public int DeltasAbove(long epoch)
    {
        lock (_gate)
        {
            return _deltasByEpoch.Where(e => e.Key > epoch).Sum(e => e.Value);
        }
    }

    /// <summary>The client's book, best levels first, cut at <paramref name="levels"/> per side.</summary>
    public RefBook Top(int levels)
    {
        lock (_gate)
        {
            return new([.. _bids.Take(levels).Select(kv => (kv.Key, kv.Value))], [.. _asks.Take(levels).Select(kv => (kv.Key, kv.Value))]);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        finally
        {
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = await ReceiveAsync();
                if (length == 0)
                {
                    Ended = "closed by the silo";
                    return;
                }

                using var doc = JsonDocument.Parse(_buffer.AsMemory(0, length));
                Apply(doc.RootElement);
            }

            Ended = "stopped by the test";
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or JsonException or InvalidOperationException)
        {
            // The silo was killed or stopped (its socket breaks), or the test disposed the client.
            Ended = ex.GetType().Name + ": " + ex.Message;
        }
    }

    // One buffer for the client's life, grown for a large snapshot (a fresh 1 MB array per message would churn the
    // large-object heap on a machine that runs three silos beside the test).
    private async Task<int> ReceiveAsync()
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            result = await _socket.ReceiveAsync(_buffer.AsMemory(length), _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return 0;
            }

            length += result.Count;
        }
        while (!result.EndOfMessage);
        return length;
    }

    private void Apply(JsonElement message)
    {
        var type = message.GetProperty("type").GetString();
        lock (_gate)
        {
            switch (type)
            {
                case "snapshot":
                    _epoch = message.GetProperty("epoch").GetInt64();
                    _sequence = message.GetProperty("sequence").GetInt64();
                    _syncState = message.GetProperty("syncState").GetString()!;
                    _deltasSinceSnapshot = 0;
                    _snapshots.Add((_epoch, _sequence, _syncState));
                    Replace(_bids, message.GetProperty("bids"));
                    Replace(_asks, message.GetProperty("asks"));
                    break;
                case "delta" or "status":
                    var sequence = message.GetProperty("sequence").GetInt64();
                    var epoch = message.GetProperty("epoch").GetInt64();
                    if (_epoch < 0)
                    {
                        _violations.Add($"{type} {epoch}/{sequence} before any snapshot");
                    }
                    else if (epoch != _epoch || sequence != _sequence + 1)
                    {
                        _violations.Add($"{type} {epoch}/{sequence} after {_epoch}/{_sequence}: expected epoch {_epoch}, sequence {_sequence + 1}");
                    }

                    _sequence = sequence;
                    _syncState = message.GetProperty("syncState").GetString()!;
                    if (type == "delta")
                    {
                        _deltasSinceSnapshot++;
                        _deltasByEpoch[epoch] = _deltasByEpoch.GetValueOrDefault(epoch) + 1;
                        foreach (var change in message.GetProperty("changes").EnumerateArray())
                        {
                            Set(change[0].GetString() == "bid" ? _bids : _asks, change[1], change[2]);
                        }
                    }

                    break;
                case "error":
                    _violations.Add("error: " + message.GetRawText());
                    break;
                default:
                    break; // ack, heartbeat, pong: nothing to keep.
            }
        }
    }

    private static void Replace(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        side.Clear();
        foreach (var level in levels.EnumerateArray())
        {
            Set(side, level[0], level[1]);
        }
    }

    private static void Set(SortedDictionary<decimal, decimal> side, JsonElement price, JsonElement size)
    {
        var p = decimal.Parse(price.GetString()!, CultureInfo.InvariantCulture);
        var s = decimal.Parse(size.GetString()!, CultureInfo.InvariantCulture);
        if (s == 0)
        {
            side.Remove(p);
        }
        else
        {
            side[p] = s;
        }
    }
}
