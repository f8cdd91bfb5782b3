using System.Collections;

namespace OrleansFeed.Nats;

/// <summary>
/// NATS message headers: ordered, case-sensitive keys, each with one or more values, plus the status line's code
/// and description (<c>NATS/1.0 503</c>).
/// </summary>
/// <remarks>Not thread-safe; build it, publish it, and do not change it afterwards.</remarks>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-4.md"/>
public sealed class NatsHeaders : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly List<KeyValuePair<string, List<string>>> _entries = [];

    /// <summary>Status code from the header line (e.g. 503 no responders, 408 request timeout, 404 no messages); 0 when absent.</summary>
    public int Code { get; init; }

    /// <summary>Status description following the code; empty when absent.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Number of distinct keys.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the last value of <paramref name="key"/>, or replaces all its values with one.</summary>
    /// <param name="key">Header name; no ':' , CR, LF or spaces.</param>
    /// <exception cref="KeyNotFoundException">Get of a missing key.</exception>
    public string this[string key]
    {
        get => TryGetLastValue(key, out var value) ? value : throw new KeyNotFoundException($"NATS header '{key}' is not present.");
        set
        {
            var index = IndexOf(key);
            if (index >= 0)
            {
                _entries[index] = new(key, [value]);
            }
            else
            {
                Add(key, value);
            }
        }
    }

    /// <summary>Adds a value to <paramref name="key"/> (a header may repeat).</summary>
    /// <param name="key">Header name: printable ASCII without ':' or spaces.</param>
    /// <param name="value">Header value: no CR or LF.</param>
    /// <exception cref="ArgumentException">The key or value has characters the header block cannot carry.</exception>
    public void Add(string key, string value)
    {
        if (string.IsNullOrEmpty(key) || key.AsSpan().IndexOfAny(": \r\n") >= 0)
        {
            throw new ArgumentException($"Invalid NATS header key '{key}'.", nameof(key));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A NATS header value cannot contain CR or LF.", nameof(value));
        }

        AddUnchecked(key, value);
    }

    /// <summary>Adds a value parsed from the wire, where the characters are already known to be valid.</summary>
    internal void AddUnchecked(string key, string value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            _entries[index].Value.Add(value);
        }
        else
        {
            _entries.Add(new(key, [value]));
        }
    }

    /// <summary>Gets all values of <paramref name="key"/>.</summary>
    /// <param name="key">Header name (case-sensitive).</param>
    /// <param name="values">The values in arrival order, or empty.</param>
    /// <returns>True when the key is present.</returns>
    public bool TryGetValues(string key, out IReadOnlyList<string> values)
    {
        var index = IndexOf(key);
        values = index >= 0 ? _entries[index].Value : [];
        return index >= 0;
    }

    /// <summary>Gets the last value of <paramref name="key"/>.</summary>
    /// <param name="key">Header name (case-sensitive).</param>
    /// <param name="value">The last value, or empty.</param>
    /// <returns>True when the key is present.</returns>
    public bool TryGetLastValue(string key, out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value[^1] : string.Empty;
        return index >= 0;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    /// <param name="key">Header name (case-sensitive).</param>
    /// <returns>Presence.</returns>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The entry at <paramref name="index"/> (0..<see cref="Count"/>-1), for the protocol writer's allocation-free loops.</summary>
    internal KeyValuePair<string, List<string>> EntryAt(int index) => _entries[index];

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
    {
        foreach (var entry in _entries)
        {
            yield return new(entry.Key, entry.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
