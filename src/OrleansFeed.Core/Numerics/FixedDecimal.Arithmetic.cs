namespace OrleansFeed.Core.Numerics;

public readonly partial struct FixedDecimal
{
    /// <summary>
    /// Rescales to <paramref name="scale"/> fraction digits without losing value.
    /// </summary>
    /// <param name="scale">The target scale, 0..18.</param>
    /// <param name="result">The rescaled value.</param>
    /// <returns>False when the value would lose digits (target scale too small) or overflow.</returns>
    public bool TryRescale(int scale, out FixedDecimal result)
    {
        result = default;
        if ((uint)scale > MaxScale)
        {
            return false;
        }

        var m = _mantissa;
        var s = (int)_scale;
        while (s < scale)
        {
            if (m > long.MaxValue / 10 || m < long.MinValue / 10)
            {
                return false;
            }

            m *= 10;
            s++;
        }

        while (s > scale)
        {
            if (m % 10 != 0)
            {
                return false;
            }

            m /= 10;
            s--;
        }

        result = new FixedDecimal(m, s);
        return true;
    }

    /// <summary>True when the value is a whole multiple of <paramref name="increment"/> (a tick or lot size).</summary>
    /// <param name="increment">A positive increment such as a tick size.</param>
    /// <returns>False for a zero or negative increment.</returns>
    public bool IsMultipleOf(FixedDecimal increment)
    {
        if (increment._mantissa <= 0)
        {
            return false;
        }

        return decimal.Remainder(ToDecimal(), increment.ToDecimal()) == 0m;
    }
}
