using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>run</c>: the silo against live venues (default), against the local simulator playing a capture (<c>--simulate</c>), or against a running <c>simulate</c> (<c>--simulator URL</c>).</summary>
internal static class RunCommand
{
    public static readonly Option<FileInfo?> ConfigOption = new("--config") { Description = "Configuration file (default: silo-config/appsettings.json)." };
    public static readonly Option<int?> PortOption = new("--port") { Description = "API port (default 5080 or Api:Port)." };

    public static Command Create()
    {
        var simulate = new Option<string[]>("--simulate") { Description = "Capture files or folders (e.g. shared/data itself) to serve from an in-process simulator instead of the live venues: every recorded venue is pointed at it, every other configured venue is disabled.", AllowMultipleArgumentsPerToken = true };
        var speed = PlaybackSpeed.CreateOption();
        var simulator = new Option<string?>("--simulator") { Description = "Base URL of a running 'simulate' (e.g. http://127.0.0.1:9001) to use instead of the live venues: every venue it lists at /simulator/endpoints is pointed at it with its symbols, every other configured venue is disabled; its pace is its own --speed. Several silos may share it." };
        var command = new Command("run", "Run one silo: connectors, order books and the REST/WebSocket API.") { ConfigOption, PortOption, simulate, speed, simulator };
        SecurityCommandLine.AddTo(command);
        ClusterCommandLine.AddTo(command);
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(() => RunAsync(result.GetValue(ConfigOption), result.GetValue(PortOption), result.GetValue(simulate) ?? [], PlaybackSpeed.Validate(result.GetValue(speed)), null, cancellationToken, [.. ClusterCommandLine.Overrides(result), .. SecurityCommandLine.Overrides(result)], result.GetValue(simulator))));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo? config, int? port, string[] simulate, double speed, string? capturePath, CancellationToken cancellationToken, IReadOnlyList<KeyValuePair<string, string?>>? settings = null, string? simulatorUrl = null)
    {
        if (simulate.Length > 0 && simulatorUrl is not null)
        {
            throw new CliUsageException("--simulate starts a simulator in this process and --simulator uses a running one: give one of them.");
        }

        // Before anything starts: a taken port must not be found only after every connector has connected.
        var apiPort = port ?? ConfigurationLoader.Load(config, settings).GetValue("Api:Port", SiloHost.DefaultPort);
        PortCheck.EnsureFree(apiPort);
        ExchangeSimulator? simulator = null;
        var overrides = new List<KeyValuePair<string, string?>>(settings ?? []);
        if (capturePath is not null)
        {
            overrides.Add(new("Feed:CapturePath", capturePath));
        }

        // The capture loads on another core while the silo is built and Orleans' object graph is constructed (≈ 1 s each
        // on this project's 2-core machines); the simulator's settings reach the configuration before the silo starts.
        var simulatorStart = simulate.Length > 0
            ? Task.Run(() => SimulatorOverrides.StartSimulatorAsync(simulate, speed, ConfigurationLoader.Load(config), cancellationToken), cancellationToken)
            : null;
        var late = new LateSettings();
        if (simulatorUrl is not null)
        {
            var (listing, served) = await RemoteSimulator.ConfigureAsync(simulatorUrl, ConfigurationLoader.Load(config), cancellationToken).ConfigureAwait(false);
            overrides.AddRange(served);
            Console.WriteLine(RemoteSimulatorReport.Describe(simulatorUrl, listing));
        }

        if (simulatorStart is not null)
        {
            // Settings that do not depend on the capture go in now: they may be read while the host is built.
            SimulatorOverrides.AddRecordingClock(overrides, ConfigurationLoader.Load(config, overrides));
        }

        IConfiguration configuration = new ConfigurationBuilder().AddConfiguration(ConfigurationLoader.Load(config, overrides)).Add(late).Build();
        try
        {
            await using var app = SiloHost.Build(configuration, apiPort);
            if (simulatorStart is not null)
            {
                // Orleans' silo (its DI graph, type metadata and system targets: ≈ 0.5 s) is made now; it reads no feed options.
                app.Services.GetRequiredService<Orleans.Runtime.Silo>();
                (simulator, var simulated) = await simulatorStart.ConfigureAwait(false);
                late.Set(simulated);
                Console.WriteLine($"Simulator serving {simulator.Total} record(s) on {simulator.BaseUri}; venues: {string.Join(", ", simulator.Endpoints().Select(e => $"{e.Venue} ({e.Symbols.Count} symbols)"))}");
            }

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
            // A simulator that finished loading after the silo failed to build is stopped too.
            simulator ??= simulatorStart is { IsCompletedSuccessfully: true } started ? started.Result.Simulator : null;
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }
}
