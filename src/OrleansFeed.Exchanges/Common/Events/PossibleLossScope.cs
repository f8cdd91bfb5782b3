namespace OrleansFeed.Exchanges.Common.Events;

/// <summary>Which books a rejected frame may have belonged to (docs/errors.md#book-states).</summary>
public enum PossibleLossScope : byte
{
    /// <summary>The frame named this book's symbol: it counts in the book's <c>rejectedFrames</c>.</summary>
    Symbol,

    /// <summary>The frame's symbol could not be read: every book of the connection may have lost an update; counted once, per connection.</summary>
    Connection,
}
