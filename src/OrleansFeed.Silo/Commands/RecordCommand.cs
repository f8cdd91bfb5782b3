using System.CommandLine;
using OrleansFeed.Silo.Cli;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>record</c>: run the silo and write every connection event, frame and REST response to a capture file.</summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Capture file to write (.gz compresses).", Required = true };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:05:00); default: until Ctrl+C." };
        var command = new Command("record", "Record live venue traffic to a capture (docs/capture-format.md).") { RunCommand.ConfigOption, RunCommand.PortOption, output, duration };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (result.GetValue(duration) is { } d)
            {
                limit.CancelAfter(d);
            }

            return await CliErrors.RunAsync(() => RunCommand.RunAsync(result.GetValue(RunCommand.ConfigOption), result.GetValue(RunCommand.PortOption), [], 1, result.GetValue(output)!.FullName, limit.Token)).ConfigureAwait(false);
        });
        return command;
    }
}
