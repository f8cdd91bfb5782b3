using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>
/// Bounds the kernel send buffer of a WebSocket connection before the upgrade. Left alone, Linux auto-tunes it up to
/// <c>net.ipv4.tcp_wmem</c>'s maximum (~4 MiB), so a client that stops reading absorbs minutes of market data before
/// a send blocks and the session notices; bounded, the session's own queue fills (and conflates) within seconds.
/// </summary>
internal static class SocketSendBuffer
{
    /// <summary>Sets <c>SO_SNDBUF</c> on the connection's socket when the transport exposes it (Kestrel sockets do;
    /// the test server and other transports do not, then nothing happens).</summary>
    /// <param name="context">The upgrade request.</param>
    /// <param name="bytes">Buffer size; 0 keeps the kernel's auto-tuning.</param>
    public static void Bound(HttpContext context, int bytes)
    {
        if (bytes <= 0 || context.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return;
        }

        try
        {
            socket.SendBufferSize = bytes;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client is already gone: the upgrade that follows fails and ends the request.
        }
    }
}
