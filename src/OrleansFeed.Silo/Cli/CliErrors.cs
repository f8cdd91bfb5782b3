using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace OrleansFeed.Silo.Cli;

/// <summary>
/// Turns the CLI mistakes a user can make (missing capture or configuration file, unreadable configuration, invalid
/// settings, port in use) into one line on stderr and exit code <see cref="ExitCode"/>, without a stack trace. Any
/// other exception is a bug and keeps its stack trace.
/// </summary>
internal static class CliErrors
{
    /// <summary>Exit code of a CLI mistake.</summary>
    public const int ExitCode = 1;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (Describe(ex) is { } line)
        {
            await Console.Error.WriteLineAsync("error: " + line).ConfigureAwait(false);
            return ExitCode;
        }
    }

    /// <summary>The one line for a user mistake; null for anything else.</summary>
    public static string? Describe(Exception ex) => ex switch
    {
        CliUsageException usage => usage.Message,
        FileNotFoundException or DirectoryNotFoundException => ex.Message,
        // Configuration JSON that does not parse: "Failed to load configuration from file '…'." plus the parser's position.
        InvalidDataException { InnerException: { } inner } => $"{ex.Message} {inner.InnerException?.Message ?? inner.Message}",
        OptionsValidationException invalid => "invalid configuration: " + string.Join(" ", invalid.Failures),
        // Several option sets validated at start (e.g. a public bind without authentication beside another mistake).
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            "invalid configuration: " + string.Join(" ", aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)),
        // Kestrel's bind, should the port be taken between PortCheck and the start.
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } => ex.Message + " Choose another port with --port or Api:Port.",
        UnauthorizedAccessException => ex.Message,
        _ => null,
    };
}
