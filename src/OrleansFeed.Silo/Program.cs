using System.CommandLine;
using OrleansFeed.Silo.Commands;

var root = new RootCommand("OrleansFeed: real-time market data — exact order books, trades, NBBO — over REST, WebSocket and NATS.")
{
    RunCommand.Create(),
    RecordCommand.Create(),
    ReplayCommand.Create(),
    SimulateCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

/// <summary>The silo executable's entry point (top-level statements); public for in-process hosting tests.</summary>
public partial class Program;
