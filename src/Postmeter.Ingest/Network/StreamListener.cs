using System.Net.Sockets;

namespace Postmeter.Ingest.Network;

/// <summary>
/// Accepts connections on a Unix or TCP socket, any number at a time, and hands what each sends to a
/// <see cref="LineFeed"/> through a reader of its own (newline-framed lines for <c>-logs_socket</c>, syslog framing
/// for the syslog receiver).
/// </summary>
public sealed class StreamListener : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Action<string> _note;

    /// <param name="read">Reads one connection to its end: the stream, the sender (whose lines share a clock), the token that stops it.</param>
    public StreamListener(ListenAddress address, Func<Stream, string, CancellationToken, Task> read, Action<string> note)
    {
        ArgumentNullException.ThrowIfNull(address);
        _note = note;
        _socket = address.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(address.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.IsUnix)
            {
                RemoveStaleSocket(address);
            }

            _socket.Bind(address.EndPoint);
            _socket.Listen(64);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new LogInputException($"cannot listen on {address.Text}: {e.Message}; expected a free address this user may bind", address.Text);
        }

        Address = address;
        _accepting = Task.Run(() => Accept(read));
    }

    public ListenAddress Address { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        if (Address.IsUnix)
        {
            File.Delete(Address.EndPoint.ToString()!);
        }

        _stop.Dispose();
    }

    /// <summary>A socket file left by a process that died is in the way; one that someone still listens on is not ours.</summary>
    private static void RemoveStaleSocket(ListenAddress address)
    {
        var path = address.EndPoint.ToString()!;
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(address.EndPoint);
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }

        throw new LogInputException($"cannot listen on {address.Text}: another process is listening on {path}", address.Text);
    }

    private async Task Accept(Func<Stream, string, CancellationToken, Task> read)
    {
        var clients = new List<Task>();
        var number = 0;
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }

            var remote = client.RemoteEndPoint?.ToString();
            var name = $"{Address.Text}#{++number} ({(string.IsNullOrEmpty(remote) ? "local" : remote)})";
            // Lines are dated by one clock per sending host, however often it reconnects.
            var sender = (client.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString();
            var clockKey = sender is null ? Address.Text : $"{Address.Text} ({sender})";
            _note($"log client connected: {name}");
            clients.Add(Task.Run(async () =>
            {
                using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    await read(stream, clockKey, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                }

                _note($"log client disconnected: {name}");
            }));
            clients.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
    }
}
