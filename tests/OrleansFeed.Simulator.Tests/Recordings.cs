using System.Text;
using System.Text.Json;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Simulator.Tests;

/// <summary>The recorded sessions the simulator tests play, loaded once, plus helpers reading them independently.</summary>
internal static class Recordings
{
    public const string FuturesStem = "binance_futures/2021-07-22_AKROUSDT-CTKUSDT-KEEPUSDT-SUSHIUSDT";
    public const string SpotStem = "binance_spot/2021-10-12_BLZETH-LRCBTC-NKNUSDT-RUNEEUR";
    public const string UsStem = "binance_us_spot/2021-10-12_COMPUSDT-CRVUSDT-OMGBUSD-ZRXUSDT";

    public const string SpotCombinedStem = "binance_spot/2021-04-04_BTCUSDT-ETHUSDT-DOTUSDT.combined";
    public const string FuturesCombinedStem = "binance_futures/2021-04-05_BATUSDT-CHRUSDT-CTKUSDT-NEOUSDT-SANDUSDT.combined";

    private static readonly Dictionary<string, IReadOnlyList<CaptureRecord>> Loaded = [];

    public static IReadOnlyList<CaptureRecord> Load(string stem)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(stem, out var records))
            {
                records = stem.EndsWith(".combined", StringComparison.Ordinal)
                    ? CaptureFile.ReadMerged([SharedData.PathOf(stem + ".txt.gz")])
                    : CaptureFile.ReadMerged([SharedData.PathOf(stem + ".ws.txt.gz"), SharedData.PathOf(stem + ".http.txt.gz")]);
                Loaded[stem] = records;
            }

            return records;
        }
    }

    /// <summary>Recorded received frames (text) whose wrapper stream is in <paramref name="streams"/>, in order.</summary>
    public static List<string> FramesOf(IReadOnlyList<CaptureRecord> records, params string[] streams)
    {
        var wanted = streams.Select(s => s.ToLowerInvariant()).ToHashSet();
        var frames = new List<string>();
        foreach (var record in records.Where(r => r.Kind == CaptureRecordKind.Received))
        {
            var text = Encoding.UTF8.GetString(record.Payload.Span);
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.TryGetProperty("stream", out var stream) && wanted.Contains(stream.GetString()!.ToLowerInvariant()))
            {
                frames.Add(text);
            }
        }

        return frames;
    }

    /// <summary>The first recorded REST depth body for a symbol.</summary>
    public static string SnapshotBodyOf(IReadOnlyList<CaptureRecord> records, string symbol) =>
        Encoding.UTF8.GetString(records.First(r => r.Kind == CaptureRecordKind.Rest && r.Source.Contains("symbol=" + symbol + "&", StringComparison.Ordinal)).Payload.Span);
}
