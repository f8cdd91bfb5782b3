namespace OrleansFeed.Silo.Cli;

/// <summary>A mistake of the person running the CLI (port in use, missing file, bad setting): printed as one line, exit code 1.</summary>
/// <param name="message">The line to print: what is wrong and how to fix it.</param>
internal sealed class CliUsageException(string message) : Exception(message);
