using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Api.Health;

/// <summary>The books the silo is configured to keep in sync; readiness waits for all of them.</summary>
public interface IConfiguredBooks
{
    /// <summary>The configured book keys (<c>venue:symbol</c>). Read on every readiness probe.</summary>
    /// <returns>The keys; empty means nothing to wait for.</returns>
    IEnumerable<BookKey> GetBooks();
}
