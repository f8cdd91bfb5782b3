using System.CommandLine;
using OrleansFeed.Silo.Cli;
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
        var simulate = new Option<string[]>("--simulate") { Description = "Capture files or folders (e.g. shared/data itself) to serve from an in-process simulator instead of the live venues: every recorded venue is pointed at it, every other configured venue is disabled.", AllowMultipleArgumentsPerToken = true };
        var speed = new Option<double>("--speed") { Description = "Simulator playback speed: 1 = recorded pace, 0 = as fast as possible.", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run one silo: connectors, order books and the REST/WebSocket API.") { ConfigOption, PortOption, simulate, speed };
        SecurityCommandLine.AddTo(command);
        ClusterCommandLine.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(() => RunAsync(result.GetValue(ConfigOption), result.GetValue(PortOption), result.GetValue(simulate) ?? [], result.GetValue(speed), null, cancellationToken, [.. ClusterCommandLine.Overrides(result), .. SecurityCommandLine.Overrides(result)])));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? config, int? port, string[] simulate, double speed, string? capturePath, CancellationToken cancellationToken, IReadOnlyList<KeyValuePair<string, string?>>? settings = null)
    {
        // Before anything starts: a taken port must not be found only after every connector has connected.
        var apiPort = port ?? ConfigurationLoader.Load(config, settings).GetValue("Api:Port", SiloHost.DefaultPort);
        PortCheck.EnsureFree(apiPort);
        ExchangeSimulator? simulator = null;
        var overrides = new List<KeyValuePair<string, string?>>(settings ?? []);
        if (capturePath is not null)
        {
            overrides.Add(new("Feed:CapturePath", capturePath));
        }

        if (simulate.Length > 0)
        {
            var loaded = ConfigurationLoader.Load(config);
            (simulator, var simulated) = await SimulatorOverrides.StartSimulatorAsync(simulate, speed, loaded, cancellationToken).ConfigureAwait(false);
            overrides.AddRange(simulated);
            Console.WriteLine($"Simulator serving {simulator.Total} record(s) on {simulator.BaseUri}; venues: {string.Join(", ", simulator.Endpoints().Select(e => $"{e.Venue} ({e.Symbols.Count} symbols)"))}");
        }

        var configuration = ConfigurationLoader.Load(config, overrides);
        try
        {
            await using var app = SiloHost.Build(configuration, apiPort);
            app.Lifetime.ApplicationStarted.Register(() => ServedUrls.Print(app));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (simulator is not null && !await SimulatorPlaybackGate.OpenWhenSubscribedAsync(app.Services, simulator, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine("Simulator playback started before every connection subscribed: frames played before a subscription are missed.");
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
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
}
