using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Grains.Instruments;

/// <summary>The instruments the silo serves, by book key and by canonical name. Thread-safe.</summary>
public interface IInstrumentCatalog
{
    /// <summary>All instruments.</summary>
    IReadOnlyCollection<Instrument> All { get; }

    /// <summary>An instrument by book key.</summary>
    /// <param name="key">Venue and symbol.</param>
    /// <param name="instrument">The instrument.</param>
    /// <returns>False when the silo does not serve it.</returns>
    bool TryGet(BookKey key, out Instrument instrument);

    /// <summary>Adds or replaces an instrument (from configuration or venue reference data).</summary>
    /// <param name="instrument">The instrument.</param>
    void AddOrUpdate(Instrument instrument);
}
