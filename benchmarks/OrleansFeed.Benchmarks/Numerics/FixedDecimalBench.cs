using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Benchmarks.Numerics;

/// <summary>FixedDecimal.TryParse / TryFormat (UTF-8) on price and size texts as Binance sends them; one op = one value.</summary>
[MemoryDiagnoser]
public class FixedDecimalBench
{
    private static readonly string[] Texts =
    [
        "0.35170000", "4265.00000000", "1.2187", "425.9", "3.64307", "0", "57.271", "0.00", "43.50830000", "10968.00000000",
        "0.00006547", "1528.00000000", "57289.12", "0.001", "303.5", "8242.3",
    ];

    private readonly byte[] _buffer = new byte[FixedDecimal.MaxFormattedLength];
    private byte[][] _utf8 = [];
    private FixedDecimal[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = Texts.Select(Encoding.UTF8.GetBytes).ToArray();
        _values = Texts.Select(FixedDecimal.Parse).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public long TryParse()
    {
        long sum = 0;
        foreach (var text in _utf8)
        {
            FixedDecimal.TryParse(text, out var value);
            sum += value.Mantissa;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int TryFormat()
    {
        var total = 0;
        foreach (var value in _values)
        {
            value.TryFormat(_buffer, out var written);
            total += written;
        }

        return total;
    }
}
