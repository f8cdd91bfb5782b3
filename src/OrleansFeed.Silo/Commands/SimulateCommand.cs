using System.CommandLine;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Simulator;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>simulate</c>: serve captures of every venue (Binance, KuCoin, Kraken, Coinbase, OKX, Bybit, Bitfinex) as fake venues on loopback.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("captures") { Description = "Capture files or folders (one or several sessions, e.g. shared/data itself; non-capture files are skipped).", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port (default 9001).", DefaultValueFactory = _ => 9001 };
        var speed = PlaybackSpeed.CreateOption();
        var hold = new Option<bool>("--hold") { Description = "Do not start the playback on the first subscription: wait for POST /simulator/play (e.g. once every silo of a cluster has subscribed)." };
        var bind = new Option<string?>("--bind") { Description = "Address to listen on (default 127.0.0.1; 0.0.0.0 to serve other machines or containers, e.g. docker compose)." };
        var command = new Command("simulate", "Serve captures of any venue as local exchanges: Binance routes at the root, other venues at /<venue> (WebSocket and KuCoin REST), the list of both at /simulator/endpoints; sessions of different venues play side by side.") { inputs, port, speed, bind, hold };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var playbackSpeed = PlaybackSpeed.Validate(result.GetValue(speed));
            var address = SimulatorBind.Parse(result.GetValue(bind));
            var records = CaptureSessions.ReadAligned(result.GetValue(inputs)!);
            await using var simulator = new ExchangeSimulator(records, new SimulatorOptions { Port = result.GetValue(port), PlaybackSpeed = playbackSpeed, BindAddress = address, WaitForPlayRequest = result.GetValue(hold) });
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Serving {records.Count} record(s) on {simulator.BaseUri} (WebSocket {simulator.WebSocketBaseUri}); listing at {new Uri(simulator.BaseUri, SimulatorListing.Path)}");
            var listing = simulator.Listing();
            foreach (var venue in listing.Venues)
            {
                var recorded = venue.BookChannel ?? (venue.DepthLimit is { } d ? $"DepthLimit {d}" : "default channel");
                Console.WriteLine($"  {venue.Venue}: WebSocketUrl {venue.WebSocketUrl.ToString().TrimEnd('/')} RestUrl {venue.RestUrl.ToString().TrimEnd('/')} ({recorded}); symbols: {string.Join(", ", venue.Symbols)}");
            }

            var start = result.GetValue(hold) ? $"starts on POST {new Uri(simulator.BaseUri, SimulatorListing.PlayPath)}" : "starts on the first subscription";
            Console.WriteLine($"Playback of {listing.Playback.Span} recorded at speed {playbackSpeed} {start}; silos use it with: run --simulator {simulator.BaseUri.ToString().TrimEnd('/')}");
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
