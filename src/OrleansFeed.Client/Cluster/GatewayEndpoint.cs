using System.Globalization;
using System.Net;

namespace OrleansFeed.Client.Cluster;

/// <summary>Parses <c>host:port</c> gateway entries (an IPv4/IPv6 address or a host name resolved once, at start).</summary>
internal static class GatewayEndpoint
{
    public static bool TryParse(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            endpoint = new IPEndPoint(address, port);
            return true;
        }

        try
        {
            var resolved = Dns.GetHostAddresses(host);
            if (resolved.Length == 0)
            {
                return false;
            }

            endpoint = new IPEndPoint(resolved[0], port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
