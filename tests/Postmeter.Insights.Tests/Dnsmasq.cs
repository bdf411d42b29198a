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
        var port = LocalServer.FreePort(ProtocolType.Udp);
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
        LocalServer.WaitUntilListening(process, server.Endpoint, "dnsmasq");
        return server;
    }

    public void Dispose() => LocalServer.Stop(_process);
}
