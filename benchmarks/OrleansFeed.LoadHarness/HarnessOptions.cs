using System.Globalization;

namespace OrleansFeed.LoadHarness;

/// <summary>Command-line settings of the load harness (see <see cref="Usage"/>).</summary>
internal sealed record HarnessOptions
{
    /// <summary>The text printed for <c>--help</c> and on a bad argument.</summary>
    public const string Usage = """
        OrleansFeed load harness: plays recordings through the exchange simulator into a real in-process silo.
          --data <dir>        recordings root (default: ORLEANSFEED_SHARED_DATA, else shared/data above the working directory or the binary)
          --venues <a,b,...>  venue folders under the root (default: every folder), e.g. kraken,binance_spot
          --speed <x>         simulator playback speed: 0 (default) = as fast as possible, 1 = recorded pace
          --repeat <n>        runs of the whole set, each on a fresh simulator and silo (default 3, 1..100)
          --timeout <s>       seconds allowed per run (default 300)
          --ws-clients <n>    also connect n WebSocket clients with API keys (security on), each on one book + its trades (default 0, 0..10000)
          --soak <minutes>    soak instead of runs: one silo, every recording looped at --speed (default 1 in a soak), the
                              --ws-clients churning (10% reconnect every minute), REST polled; one row per minute (1..1440)
        """;

    /// <summary>The recordings root (a folder holding one folder per venue).</summary>
    public required string DataRoot { get; init; }

    /// <summary>The venue folders played, full paths, at least one.</summary>
    public required IReadOnlyList<string> Folders { get; init; }

    /// <summary>Playback speed: 0 = as fast as possible, 1 = recorded pace, N = N times faster.</summary>
    public double Speed { get; init; }

    /// <summary>Runs of the whole set; the simulator has no loop, so each run starts a fresh simulator and silo. Default 3.</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>Time allowed for one run (start, playback, drain, verification). Default 300 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>WebSocket clients connected with API keys during each run (<see cref="WebSocketLoad"/>); 0 (default) for none.</summary>
    public int WsClients { get; init; }

    /// <summary>Soak length in minutes (<see cref="SoakRun"/>); 0 (default) runs <see cref="Repeat"/> measured runs instead.</summary>
    public int SoakMinutes { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <param name="args">Arguments as given.</param>
    /// <returns>The options, or null when <c>--help</c> was asked.</returns>
    /// <exception cref="ArgumentException">An unknown option, a missing or bad value, or a venue folder that does not exist.</exception>
    public static HarnessOptions? Parse(IReadOnlyList<string> args)
    {
        string? data = null;
        string[]? venues = null;
        double speed = 0;
        var repeat = 3;
        var timeout = 300;
        var wsClients = 0;
        var soak = 0;
        double? speedGiven = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--help" or "-h": return null;
                case "--data": data = Value(); break;
                case "--venues": venues = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--speed": speedGiven = speed = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--timeout": timeout = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--ws-clients": wsClients = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--soak": soak = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (speed < 0 || !double.IsFinite(speed) || repeat is < 1 or > 100 || timeout < 1 || wsClients is < 0 or > 10_000 || soak is < 0 or > 1440)
        {
            throw new ArgumentException("--speed must be >= 0, --repeat 1..100, --timeout >= 1, --ws-clients 0..10000, --soak 0..1440.");
        }

        // A soak plays at the recorded pace unless told otherwise: it measures a silo living with a market, not a burst.
        speed = soak > 0 && speedGiven is null ? 1 : speed;

        var root = data ?? FindSharedData();
        var folders = venues is null
            ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToArray()
            : venues.Select(v => Path.Combine(root, v)).ToArray();
        foreach (var folder in folders.Where(f => !Directory.Exists(f)))
        {
            throw new ArgumentException($"Venue folder {folder} does not exist.");
        }

        return folders.Length == 0
            ? throw new ArgumentException($"No venue folder under {root}.")
            : new HarnessOptions { DataRoot = root, Folders = folders, Speed = speed, Repeat = repeat, Timeout = TimeSpan.FromSeconds(timeout), WsClients = wsClients, SoakMinutes = soak };
    }

    // The recordings live beside the checkout (never copied into the repository): walk up from the binary.
    private static string FindSharedData()
    {
        var env = Environment.GetEnvironmentVariable("ORLEANSFEED_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException("shared/data not found: pass --data or set ORLEANSFEED_SHARED_DATA.");
    }
}
