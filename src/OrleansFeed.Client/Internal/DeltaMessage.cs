using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Client.Internal;

/// <summary>One decoded <c>{prefix}.book...</c> message; read with <see cref="Utf8JsonReader"/> (no DOM).</summary>
internal sealed class DeltaMessage
{
    public BookDeltaKind Kind { get; private set; }

    public long Sequence { get; private set; }

    public long Epoch { get; private set; }

    public bool Stale { get; private set; }

    public List<LevelChange> Changes { get; } = [];

    /// <summary>Decodes a payload; false when it is not a well-formed book message (the caller counts it).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out DeltaMessage message)
    {
        message = new DeltaMessage();
        try
        {
            var reader = new Utf8JsonReader(json);
            var seen = 0;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("kind"u8))
                {
                    reader.Read();
                    message.Kind = reader.ValueTextEquals("rebuilt"u8) ? BookDeltaKind.Rebuilt : reader.ValueTextEquals("stale"u8) ? BookDeltaKind.Stale : BookDeltaKind.Update;
                    seen |= 1;
                }
                else if (reader.ValueTextEquals("sequence"u8))
                {
                    reader.Read();
                    message.Sequence = reader.GetInt64();
                    seen |= 2;
                }
                else if (reader.ValueTextEquals("epoch"u8))
                {
                    reader.Read();
                    message.Epoch = reader.GetInt64();
                    seen |= 4;
                }
                else if (reader.ValueTextEquals("stale"u8))
                {
                    reader.Read();
                    message.Stale = reader.GetBoolean();
                }
                else if (reader.ValueTextEquals("changes"u8))
                {
                    reader.Read();
                    if (!ReadChanges(ref reader, message.Changes))
                    {
                        return false;
                    }
                }
            }

            return seen == 7;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool ReadChanges(ref Utf8JsonReader reader, List<LevelChange> changes)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var side = reader.ValueTextEquals("bid"u8) ? BookSide.Bid : BookSide.Ask;
            reader.Read();
            if (!FixedDecimal.TryParse(reader.ValueSpan, out var price))
            {
                return false;
            }

            reader.Read();
            if (!FixedDecimal.TryParse(reader.ValueSpan, out var size))
            {
                return false;
            }

            reader.Read();
            changes.Add(new LevelChange(side, price, size));
        }

        return true;
    }
}
