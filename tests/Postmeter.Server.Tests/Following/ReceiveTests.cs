using System.Net;
using System.Net.Sockets;
using System.Text;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Following;

/// <summary>
/// Log lines and syslog over real sockets on loopback, from several clients at once: each server's messages are
/// stored exactly as streaming its own log gives them, and two servers' messages never mix.
/// </summary>
public sealed class ReceiveTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Lines_from_two_servers_on_a_unix_and_a_tcp_log_socket_at_once_are_stored_apart_and_whole()
    {
        var mx1 = WithHost("mx1", line => line);
        var mx2 = WithHost("mx2", line => line);
        var socket = _temp.Path("logs.sock");
        var port = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var workspace = _temp.Path("ws");
        var expected = Expected(mx1, mx2);
        using var first = LiveFollower.StartWith(["-workspace", workspace, "-logs_socket", "unix=" + socket]);
        first.WaitFor("listening on unix=");

        Parallel.Invoke(
            () => Send(new UnixDomainSocketEndPoint(socket), File.ReadAllBytes(mx1), chunk: 1000),
            () => Send(new UnixDomainSocketEndPoint(socket), File.ReadAllBytes(mx2), chunk: 777));
        LiveChecks.WaitUntilStored(workspace, Lines(mx1) + Lines(mx2), first);
        Assert.Equal(0, first.Stop());
        Assert.Equal(expected, Stored(workspace));
        Assert.Contains("log client connected: unix=", first.Log, StringComparison.Ordinal);

        // The same over TCP, Lightmeter's other spelling, into a fresh workspace.
        var second = _temp.Path("ws2");
        using var tcp = LiveFollower.StartWith(["-workspace", second, "-logs_socket", $"tcp;127.0.0.1:{port}"]);
        tcp.WaitFor("listening on tcp;");
        Parallel.Invoke(
            () => Send(new IPEndPoint(IPAddress.Loopback, port), File.ReadAllBytes(mx1), chunk: 4096),
            () => Send(new IPEndPoint(IPAddress.Loopback, port), File.ReadAllBytes(mx2), chunk: 333));
        LiveChecks.WaitUntilStored(second, Lines(mx1) + Lines(mx2), tcp);
        Assert.Equal(0, tcp.Stop());
        Assert.Equal(expected, Stored(second));
    }

    [Fact]
    public void Syslog_rfc5424_octet_counted_and_rfc3164_newline_framed_from_two_servers_and_real_logger_calls_are_stored_whole()
    {
        // mx1 speaks RFC 5424 (full time stamps); mx2 RFC 3164 (the syslog file's own lines behind a <PRI>).
        var mx1 = WithHost("mx1", Rfc3339);
        var mx2 = WithHost("mx2", line => line);
        var tcp = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var udp = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var workspace = _temp.Path("ws");
        var expected = Expected(mx1, mx2);
        using var receiver = LiveFollower.StartWith(["-workspace", workspace, "--syslog-listen", $"tcp://127.0.0.1:{tcp}", "--syslog-listen", $"udp://127.0.0.1:{udp}"]);
        receiver.WaitFor("for syslog");
        receiver.WaitFor($"udp://127.0.0.1:{udp}");

        var endPoint = new IPEndPoint(IPAddress.Loopback, tcp);
        Parallel.Invoke(
            () => Send(endPoint, OctetCounted(File.ReadLines(mx1).Select(ToRfc5424)), chunk: 1500),
            () => Send(endPoint, Encoding.UTF8.GetBytes(string.Concat(File.ReadLines(mx2).Select(l => "<22>" + l + "\n"))), chunk: 900));
        LiveChecks.Run("logger", "--tcp", "--server", "127.0.0.1", "--port", tcp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rfc5424", "--octet-count",
            "--sd-id", "origin@32473", "--sd-param", "software=\"pm\"", "-t", "postfix/anvil", "--id=4242", "statistics: max connection rate 1/60s");
        LiveChecks.Run("logger", "--udp", "--server", "127.0.0.1", "--port", udp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rfc3164",
            "-t", "postfix/anvil", "--id=4243", "statistics: max cache size 1");

        LiveChecks.WaitUntilStored(workspace, Lines(mx1) + Lines(mx2) + 2, receiver);
        Assert.Equal(0, receiver.Stop());
        Assert.Equal(expected, Stored(workspace));
        Assert.Contains("log client connected: tcp://", receiver.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "-logs_socket", "pipe=/tmp/x" }, "expected unix=PATH or tcp=HOST:PORT")]
    [InlineData(new[] { "--syslog-listen", "tcp://127.0.0.1:99999" }, "port from 1 to 65535")]
    [InlineData(new[] { "--syslog-listen", "http://127.0.0.1:514" }, "expected tcp://HOST:PORT or udp://HOST:PORT")]
    [InlineData(new[] { "--syslog-listen", "udp://127.0.0.1:5514", "-importonly" }, "a socket holds nothing to import")]
    [InlineData(new[] { "--syslog-listen", "udp://127.0.0.1:5514", "-stdin" }, "choose one kind of log source")]
    public void Bad_listener_flags_are_clear_errors(string[] args, string expected)
    {
        var result = CliRunner.Run(["-workspace", _temp.Path("ws"), .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    /// <summary>The seed-42 log as written by a server named <paramref name="host"/>, each line shaped by <paramref name="shape"/>.</summary>
    private string WithHost(string host, Func<string, string> shape)
    {
        var path = _temp.Path(host + ".log");
        File.WriteAllLines(path, File.ReadLines(FixturePaths.Seed42).Select(l => shape(l[..16] + host + l[(16 + "mail".Length)..])));
        return path;
    }

    /// <summary>Every message, reject and failure line that streaming each server's own log prints, in one sorted list.</summary>
    private static List<string> Expected(params string[] logs) =>
        [.. logs.SelectMany(log => CliRunner.Run(["messages", log]).Lines).Order(StringComparer.Ordinal)];

    private static List<string> Stored(string workspace) =>
        [.. CliRunner.Run(["messages", "--workspace", workspace]).Lines.Order(StringComparer.Ordinal)];

    private static long Lines(string path) => File.ReadLines(path).LongCount();

    /// <summary><c>Nov 21 22:29:56 host …</c> as <c>2026-11-21T22:29:56Z host …</c>, in UTC (the tests' time zone is UTC).</summary>
    private static string Rfc3339(string line)
    {
        var stamp = DateTime.ParseExact("2026 " + line[..15], "yyyy MMM d HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return stamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + line[15..];
    }

    /// <summary><c>STAMP host program[pid]: text</c> as RFC 5424: <c>&lt;22&gt;1 STAMP host program pid - [sd] text</c>.</summary>
    private static string ToRfc5424(string line)
    {
        var parts = line.Split(' ', 3);
        var colon = parts[2].IndexOf(": ", StringComparison.Ordinal);
        var tag = parts[2][..colon];
        var text = parts[2][(colon + 2)..];
        var bracket = tag.IndexOf('[', StringComparison.Ordinal);
        var (app, pid) = bracket < 0 ? (tag, "-") : (tag[..bracket], tag[(bracket + 1)..^1]);
        return $"<22>1 {parts[0]} {parts[1]} {app} {pid} - [meta sequenceId=\"1\" note=\"a \\] in it\"] {text}";
    }

    private static byte[] OctetCounted(IEnumerable<string> messages)
    {
        var output = new MemoryStream();
        foreach (var message in messages)
        {
            var bytes = Encoding.UTF8.GetBytes(message);
            output.Write(Encoding.ASCII.GetBytes($"{bytes.Length} "));
            output.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Sends the bytes over one connection in pieces of <paramref name="chunk"/> (cutting lines and frames anywhere).</summary>
    private static void Send(EndPoint endPoint, byte[] bytes, int chunk)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        socket.Connect(endPoint);
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            socket.Send(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }

        socket.Shutdown(SocketShutdown.Send);
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
