using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Postmeter.Testing;

/// <summary>What the tests' real servers (dnsmasq, smtp-sink) share: a free port, and waiting until one listens.</summary>
public static class LocalServer
{
    /// <summary>A port on 127.0.0.1 nothing uses now (TCP and, for a DNS server, UDP).</summary>
    public static int FreePort(ProtocolType protocol = ProtocolType.Tcp)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, protocol == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Waits until <paramref name="process"/> accepts TCP connections at <paramref name="endpoint"/>, or says why it did not.</summary>
    public static void WaitUntilListening(Process process, IPEndPoint endpoint, string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            }

            using var probe = new TcpClient();
            try
            {
                probe.Connect(endpoint);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"{name} did not listen within 10 s");
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
