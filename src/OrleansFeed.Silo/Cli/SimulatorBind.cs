using System.Net;

namespace OrleansFeed.Silo.Cli;

/// <summary><c>simulate --bind</c>: the address the simulator listens on.</summary>
internal static class SimulatorBind
{
    /// <summary>Parses the option.</summary>
    /// <param name="value">An IP address (<c>0.0.0.0</c>, <c>::</c>, <c>127.0.0.1</c>), <c>localhost</c>, or null for the loopback default.</param>
    /// <returns>The address.</returns>
    /// <exception cref="CliUsageException">Not an IP address: one line.</exception>
    public static IPAddress Parse(string? value) => value switch
    {
        null or "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(value, out var address) => address,
        _ => throw new CliUsageException($"--bind '{value}' is not an IP address: use 127.0.0.1 (default), 0.0.0.0 (every interface, e.g. in a container) or one interface's address."),
    };
}
