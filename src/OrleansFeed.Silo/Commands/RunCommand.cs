using System.CommandLine;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>run</c>: the silo against live venues (default) or against the local simulator playing a capture (<c>--simulate</c>).</summary>
internal static class RunCommand
{
    public static readonly Option<FileInfo?> ConfigOption = new("--config") { Description = "Configuration file (default: silo-config/appsettings.json)." };
    public static readonly Option<int?> PortOption = new("--port") { Description = "API port (default 5080 or Api:Port)." };

    public static Command Create()
    {
        var simulate = new Option<string[]>("--simulate") { Description = "Capture files or folders to serve from an in-process simulator instead of the live venue.", AllowMultipleArgumentsPerToken = true };
        var speed = new Option<double>("--speed") { Description = "Simulator playback speed: 1 = recorded pace, 0 = as fast as possible.", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run one silo: connectors, order books and the REST/WebSocket API.") { ConfigOption, PortOption, simulate, speed };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(ConfigOption), result.GetValue(PortOption), result.GetValue(simulate) ?? [], result.GetValue(speed), null, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? config, int? port, string[] simulate, double speed, string? capturePath, CancellationToken cancellationToken)
    {
        ExchangeSimulator? simulator = null;
        var overrides = new List<KeyValuePair<string, string?>>();
        if (capturePath is not null)
        {
            overrides.Add(new("Feed:CapturePath", capturePath));
        }

        if (simulate.Length > 0)
        {
            var files = CaptureFile.GroupSessions(simulate).SelectMany(s => s).ToList();
            simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { PlaybackSpeed = speed });
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            overrides.AddRange(SimulatorOverrides(files, simulator));
            Console.WriteLine($"Simulator serving {files.Count} file(s) on {simulator.BaseUri}");
        }

        var configuration = ConfigurationLoader.Load(config, overrides);
        var apiPort = port ?? configuration.GetValue("Api:Port", SiloHost.DefaultPort);
        await using var app = SiloHost.Build(configuration, apiPort);
        try
        {
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>Points the venue of the capture at the simulator and subscribes exactly the symbols the capture has snapshots for.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> SimulatorOverrides(IReadOnlyList<string> files, ExchangeSimulator simulator)
    {
        var url = files.SelectMany(CaptureFile.Read).First(r => r.Kind == CaptureRecordKind.Open).Source;
        if (!BinanceMarketInfo.TryFromUrl(url, out var market))
        {
            throw new InvalidOperationException($"The capture's connection {url} is not a venue the simulator serves.");
        }

        var prefix = $"Feed:Venues:{market.VenueId()}";
        yield return new("Feed:Venues:binance:Enabled", "false");
        yield return new("Feed:Venues:binance-futures:Enabled", "false");
        yield return new($"{prefix}:Enabled", "true");
        yield return new($"{prefix}:WebSocketUrl", simulator.WebSocketBaseUri.ToString().TrimEnd('/'));
        yield return new($"{prefix}:RestUrl", simulator.BaseUri.ToString().TrimEnd('/'));
        yield return new($"{prefix}:SplitRoutes", url.Contains("/public", StringComparison.Ordinal) ? "true" : "false");
        var i = 0;
        foreach (var symbol in simulator.SnapshotSymbols)
        {
            yield return new($"{prefix}:Symbols:{i++}", symbol);
        }
    }
}
