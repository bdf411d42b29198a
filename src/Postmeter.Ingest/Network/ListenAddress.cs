using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Postmeter.Ingest.Network;

/// <summary>Where a listener binds: a Unix socket path, or a TCP or UDP host and port.</summary>
public sealed record ListenAddress(ProtocolType Protocol, EndPoint EndPoint, string Text)
{
    public bool IsUnix => EndPoint is UnixDomainSocketEndPoint;

    /// <summary>
    /// Lightmeter's <c>-logs_socket</c>: <c>unix=PATH</c>, <c>tcp=HOST:PORT</c>, also written <c>unix;PATH</c> and
    /// <c>tcp;HOST:PORT</c>.
    /// </summary>
    public static ListenAddress ParseLogsSocket(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cut = spec.IndexOfAny(['=', ';']);
        var kind = cut < 0 ? string.Empty : spec[..cut];
        var where = cut < 0 ? string.Empty : spec[(cut + 1)..];
        return kind switch
        {
            "unix" when where.Length > 0 => new ListenAddress(ProtocolType.Unspecified, new UnixDomainSocketEndPoint(where), spec),
            "tcp" => new ListenAddress(ProtocolType.Tcp, HostPort(where, spec), spec),
            _ => throw new FormatException($"'{spec}' is not a log socket; expected unix=PATH or tcp=HOST:PORT (e.g. tcp=127.0.0.1:5140)"),
        };
    }

    /// <summary>A syslog receiver's address: <c>tcp://HOST:PORT</c> or <c>udp://HOST:PORT</c>.</summary>
    public static ListenAddress ParseSyslog(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(ProtocolType.Tcp, HostPort(url[6..], url), url);
        }

        if (url.StartsWith("udp://", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(ProtocolType.Udp, HostPort(url[6..], url), url);
        }

        throw new FormatException($"'{url}' is not a syslog address; expected tcp://HOST:PORT or udp://HOST:PORT (e.g. tcp://127.0.0.1:5514)");
    }

    private static IPEndPoint HostPort(string text, string whole)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{whole}' has no HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:5514)");
        }

        var host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            address = host == "localhost" ? IPAddress.Loopback : throw new FormatException($"'{whole}': '{host}' is not an IP address; expected one such as 127.0.0.1, 0.0.0.0 or [::1]");
        }

        return new IPEndPoint(address, port);
    }
}
