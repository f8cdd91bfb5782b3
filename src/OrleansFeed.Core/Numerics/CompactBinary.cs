namespace OrleansFeed.Core.Numerics;

/// <summary>
/// The compact binary encoding of persisted aggregates: signed integers as zig-zag 7-bit varints (small deltas take
/// one or two bytes), <see cref="FixedDecimal"/> as varint mantissa + one scale byte (exact, never a double).
/// </summary>
public static class CompactBinary
{
    /// <summary>Writes a signed integer as a zig-zag varint (1..10 bytes).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">Any value.</param>
    public static void WriteSigned(this BinaryWriter writer, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write7BitEncodedInt64((value << 1) ^ (value >> 63));
    }

    /// <summary>Reads a value written by <see cref="WriteSigned"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The bytes are not a varint.</exception>
    /// <exception cref="EndOfStreamException">The data ends inside the value.</exception>
    public static long ReadSigned(this BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var zigzag = reader.Read7BitEncodedInt64();
        return (long)((ulong)zigzag >> 1) ^ -(zigzag & 1);
    }

    /// <summary>Writes an exact decimal as its mantissa (zig-zag varint) and scale (one byte).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteFixed(this BinaryWriter writer, FixedDecimal value)
    {
        writer.WriteSigned(value.Mantissa);
        writer.Write((byte)value.Scale);
    }

    /// <summary>Reads a value written by <see cref="WriteFixed"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The bytes are not a valid value (scale above 18).</exception>
    /// <exception cref="EndOfStreamException">The data ends inside the value.</exception>
    public static FixedDecimal ReadFixed(this BinaryReader reader)
    {
        var mantissa = reader.ReadSigned();
        var scale = reader.ReadByte();
        return scale > FixedDecimal.MaxScale ? throw new FormatException($"Scale {scale} is above {FixedDecimal.MaxScale}.") : new FixedDecimal(mantissa, scale);
    }
}
