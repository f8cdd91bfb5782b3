namespace OrleansFeed.Exchanges.Bitfinex.Messages;

/// <summary>One subscribed channel: what it carries and for which symbol (interned).</summary>
/// <param name="Kind">Book, trades, ticker or other.</param>
/// <param name="Symbol">Native symbol such as <c>tBTCUSD</c>; empty for <see cref="BitfinexChannelKind.Other"/>.</param>
internal readonly record struct BitfinexChannel(BitfinexChannelKind Kind, string Symbol);
