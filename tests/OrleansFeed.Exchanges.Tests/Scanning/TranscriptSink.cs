using System.Globalization;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Tests.Scanning;

/// <summary>
/// Writes everything a parser hands its sink as one line per call, every field and every level's exact text included,
/// so two parsers can be compared frame by frame with a string comparison (times as raw microseconds: damaged frames
/// carry times no calendar can show). Returns rented level arrays.
/// </summary>
internal sealed class TranscriptSink : IMarketEventSink
{
    public List<string> Lines { get; } = [];

    public void OnBookEvent(in BookEvent bookEvent)
    {
        var levels = string.Join(' ', bookEvent.LevelSpan.ToArray().Select(l => $"{l.Side}:{l.Price}:{l.Size}:{l.Sequence}"));
        Lines.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"book {bookEvent.Kind} {bookEvent.Symbol} {bookEvent.FirstUpdateId} {bookEvent.LastUpdateId} {bookEvent.PreviousUpdateId} "
            + $"{bookEvent.Checksum} {bookEvent.ExchangeTime.UnixMicroseconds} {bookEvent.ReceiveTime.UnixMicroseconds} [{levels}]"));
        bookEvent.ReturnLevels();
    }

    public void OnTrade(string symbol, in Trade trade) => Lines.Add($"trade {symbol} {trade}");

    public void OnBestBidOffer(string symbol, in BestBidOffer bbo) => Lines.Add($"bbo {symbol} {bbo}");

    public void OnVenueTicker(string symbol, in VenueTicker24h ticker) => Lines.Add($"ticker {symbol} {ticker}");

    public void OnRejected(FrameRejectReason reason, string? symbol) => Lines.Add($"rejected {reason} {symbol}");

    public void OnServerShutdownNotice() => Lines.Add("shutdown");
}
