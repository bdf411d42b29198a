using System.Net;
using System.Net.Sockets;

namespace Postmeter.Ingest.Network;

/// <summary>Receives syslog over UDP: each datagram is one message (RFC 5426), from any number of senders.</summary>
public sealed class DatagramListener : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    public DatagramListener(ListenAddress address, LineFeed feed)
    {
        ArgumentNullException.ThrowIfNull(address);
        _socket = new Socket(address.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 4 << 20;
            _socket.Bind(address.EndPoint);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new LogInputException($"cannot listen on {address.Text}: {e.Message}; expected a free address this user may bind", address.Text);
        }

        Address = address;
        _receiving = Task.Run(() => Receive(feed));
    }

    public ListenAddress Address { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
#pragma warning disable RS0030 // Dispose is synchronous: the receive loop ends within moments of the socket closing
            _receiving.Wait(TimeSpan.FromSeconds(5));
#pragma warning restore RS0030
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task Receive(LineFeed feed)
    {
        var buffer = new byte[65536];
        var line = new List<byte>();
        EndPoint any = new IPEndPoint(Address.EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            SyslogMessage.AppendLine(buffer.AsSpan(0, received.ReceivedBytes), line);
            if (line.Count > 0)
            {
                // One clock per sending host (not per port: each `logger` call sends from a new one).
                var sender = (received.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
                feed.Add(new LineChunk($"{Address.Text} ({sender})", [.. line]), _stop.Token);
                line.Clear();
            }
        }
    }
}
