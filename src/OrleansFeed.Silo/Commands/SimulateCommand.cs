using System.CommandLine;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>simulate</c>: serve captures of every venue (Binance, KuCoin, Kraken, Coinbase, OKX, Bybit, Bitfinex) as fake venues on loopback.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("captures") { Description = "Capture files or folders (one or several sessions, e.g. shared/data itself; non-capture files are skipped).", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 9001).", DefaultValueFactory = _ => 9001 };
        var speed = new Option<double>("--speed") { Description = "1 = recorded pace, N = N times faster, 0 = as fast as possible.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Serve captures of any venue as local exchanges: Binance routes at the root, other venues at /<venue> (WebSocket and KuCoin REST); sessions of different venues play side by side.") { inputs, port, speed };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var records = CaptureSessions.ReadAligned(result.GetValue(inputs)!);
            await using var simulator = new ExchangeSimulator(records, new SimulatorOptions { Port = result.GetValue(port), PlaybackSpeed = result.GetValue(speed) });
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Serving {records.Count} record(s) on {simulator.BaseUri} (WebSocket {simulator.WebSocketBaseUri})");
            foreach (var endpoint in simulator.Endpoints())
            {
                var recorded = endpoint.BookChannel ?? (endpoint.DepthLimit is { } d ? $"DepthLimit {d}" : "default channel");
                Console.WriteLine($"  {endpoint.Venue}: WebSocketUrl {endpoint.WebSocketUrl} RestUrl {endpoint.RestUrl} ({recorded}); symbols: {string.Join(", ", endpoint.Symbols)}");
            }

            try
            {
                await simulator.PlaybackCompleted.WaitAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"Playback complete: {simulator.FramesSent} frames sent. Serving snapshots until Ctrl+C.");
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }));
        return command;
    }
}
