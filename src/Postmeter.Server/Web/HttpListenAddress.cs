using System.Globalization;
using System.Net;

namespace Postmeter.Server.Web;

/// <summary>Where the web host listens, as <c>-listen</c> gives it: <c>:8080</c>, <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>localhost:8080</c>.</summary>
/// <param name="Address">Null: every address (IPv4 and IPv6).</param>
internal sealed record HttpListenAddress(IPAddress? Address, bool Localhost, int Port)
{
    public const string Expected = "[HOST]:PORT, such as :8080, 127.0.0.1:8080, [::1]:8080 or localhost:8080";

    public static bool TryParse(string text, out HttpListenAddress address)
    {
        address = new HttpListenAddress(null, false, 0);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (host.Length == 0 || host is "*" or "0.0.0.0" or "[::]")
        {
            address = new HttpListenAddress(null, false, port);
            return true;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new HttpListenAddress(null, true, port);
            return true;
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (IPAddress.TryParse(bracketed ? host[1..^1] : host, out var ip) && (bracketed || ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
        {
            address = new HttpListenAddress(ip, false, port);
            return true;
        }

        return false;
    }
}
