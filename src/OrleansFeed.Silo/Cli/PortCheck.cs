using System.Net;
using System.Net.Sockets;

namespace OrleansFeed.Silo.Cli;

/// <summary>Checks the API port is free before anything starts, so a taken port fails before connectors connect.</summary>
internal static class PortCheck
{
    /// <summary>Binds the port on all interfaces for a moment (0 picks a free port: nothing to check).</summary>
    /// <exception cref="CliUsageException">The port is in use or not permitted.</exception>
    public static void EnsureFree(int port)
    {
        if (port == 0)
        {
            return;
        }

        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new CliUsageException($"port {port} is not a TCP port (1..{IPEndPoint.MaxPort}, or 0 for any free port).");
        }

        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliUsageException($"port {port} is already in use (another orleansfeed, or another program); choose another with --port or Api:Port.");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new CliUsageException($"port {port} may not be opened by this user; choose one above 1023 with --port or Api:Port.");
        }
    }
}
