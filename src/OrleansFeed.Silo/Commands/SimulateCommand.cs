using System.CommandLine;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Simulator;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>simulate</c>: serve a capture as a fake venue on loopback (Binance combined streams + REST depth).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("captures") { Description = "Capture files or folders of one session.", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 9001).", DefaultValueFactory = _ => 9001 };
        var speed = new Option<double>("--speed") { Description = "1 = recorded pace, N = N times faster, 0 = as fast as possible.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Serve a capture as a local exchange.") { inputs, port, speed };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = CaptureFile.GroupSessions(result.GetValue(inputs)!).SelectMany(s => s).ToList();
            await using var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { Port = result.GetValue(port), PlaybackSpeed = result.GetValue(speed) });
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Serving {files.Count} file(s) on {simulator.BaseUri} (WebSocket {simulator.WebSocketBaseUri}); symbols: {string.Join(", ", simulator.SnapshotSymbols)}");
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
        });
        return command;
    }
}
