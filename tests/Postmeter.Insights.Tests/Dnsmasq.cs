using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Postmeter.Insights.Tests;

/// <summary>
/// A real DNS server for a test: Debian's dnsmasq on 127.0.0.1 at a free port, answering only the records given (its
/// zones are local: a name without a record is NXDOMAIN) and forwarding nothing.
/// </summary>
internal sealed class Dnsmasq : IDisposable
{
    private readonly Process _process;

    private Dnsmasq(Process process, int port)
    {
        _process = process;
        Endpoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint Endpoint { get; }

    /// <param name="localZones">Zones dnsmasq answers for itself.</param>
    /// <param name="records">A records (name, address).</param>
    /// <param name="texts">TXT records (name, text).</param>
    public static Dnsmasq Start(IEnumerable<string> localZones, IEnumerable<(string Name, string Address)> records, IEnumerable<(string Name, string Text)> texts)
    {
        var executable = File.Exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq" : "dnsmasq";
        var port = FreeUdpPort();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--conf-file=/dev/null", "--pid-file=",
            "--listen-address=127.0.0.1", "--bind-interfaces", $"--port={port}", "--cache-size=0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var zone in localZones)
        {
            start.ArgumentList.Add($"--local=/{zone}/");
        }

        foreach (var (name, address) in records)
        {
            start.ArgumentList.Add($"--host-record={name},{address}");
        }

        foreach (var (name, text) in texts)
        {
            start.ArgumentList.Add($"--txt-record={name},{text}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start");
        var server = new Dnsmasq(process, port);
        server.WaitUntilAnswering();
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void WaitUntilAnswering()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dnsmasq exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
            }

            using var probe = new TcpClient();
            try
            {
                probe.Connect(Endpoint);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("dnsmasq did not answer within 10 s");
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
