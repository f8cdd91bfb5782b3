using System.Collections.Concurrent;
using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Grains.Instruments;

/// <summary>In-memory <see cref="IInstrumentCatalog"/>.</summary>
public sealed class InstrumentCatalog : IInstrumentCatalog
{
    private readonly ConcurrentDictionary<BookKey, Instrument> _instruments = new();

    /// <inheritdoc />
    public IReadOnlyCollection<Instrument> All => _instruments.Values.OrderBy(i => i.Venue, StringComparer.Ordinal).ThenBy(i => i.Symbol, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public bool TryGet(BookKey key, out Instrument instrument) => _instruments.TryGetValue(key, out instrument!);

    /// <inheritdoc />
    public void AddOrUpdate(Instrument instrument) => _instruments[instrument.Key] = instrument;
}
