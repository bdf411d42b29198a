using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Postmeter.Storage.FileSystem;

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
    private readonly ILogger _logger;

    /// <summary>The socket file this listener made, so that only it is removed at the end.</summary>
    private readonly FileStatus? _socketFile;

    /// <param name="read">Reads one connection to its end: the stream, the sender (whose lines share a clock), the token that stops it.</param>
    public StreamListener(ListenAddress address, Func<Stream, string, CancellationToken, Task> read, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(address);
        _logger = logger;
        _socket = address.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(address.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.IsUnix)
            {
                PrepareSocketPath(address);
                _socketFile = BindUnix(_socket, SocketPath(address));
            }
            else
            {
                _socket.Bind(address.EndPoint);
            }

            _socket.Listen(64);
        }
        catch (LogInputException)
        {
            _socket.Dispose();
            throw;
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
#pragma warning disable RS0030 // Dispose is synchronous: the accept loop ends within moments of the socket closing
            _accepting.Wait(TimeSpan.FromSeconds(5));
#pragma warning restore RS0030
        }
        catch (AggregateException)
        {
        }

        // Someone may have put something else there since (or removed ours): only our own socket goes.
        if (_socketFile is { Kind: FileKind.Socket } made && FileStatus.OfPath(SocketPath(Address)) == made)
        {
            File.Delete(SocketPath(Address));
        }

        _stop.Dispose();
    }

    private static string SocketPath(ListenAddress address) => address.EndPoint.ToString()!;

    /// <summary>
    /// Binds under a name of our own beside <paramref name="path"/>, then renames the socket onto it: .NET deletes
    /// the path a Unix socket was bound to when the socket is disposed, whatever is there by then, and that must not
    /// be someone else's file. The rename also replaces a stale socket in one step. Returns the socket file made.
    /// </summary>
    private static FileStatus? BindUnix(Socket socket, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".postmeter-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        socket.Bind(new UnixDomainSocketEndPoint(temporary));
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return FileStatus.OfPath(path);
    }

    /// <summary>
    /// The socket path must be free, or hold a socket left by a process that died, which is removed. Anything else
    /// there (a log file, a link, a directory, a socket someone still listens on) is not ours and is left alone.
    /// </summary>
    private static void PrepareSocketPath(ListenAddress address)
    {
        var path = SocketPath(address);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new LogInputException(
                $"cannot listen on {address.Text}: the directory {directory} does not exist; expected a socket path in an existing directory this user may write to",
                address.Text);
        }

        var status = FileStatus.OfPath(path);
        var kind = status?.Kind ?? (File.Exists(path) || Directory.Exists(path) ? FileKind.Unknown : FileKind.Missing);
        switch (kind)
        {
            case FileKind.Missing:
                return;
            case FileKind.Socket:
                break;
            default:
                throw new LogInputException(
                    $"cannot listen on {address.Text}: {path} is {Describe(kind)}, not a socket, and is left as it is; expected a free path (or a socket left by an earlier run)",
                    address.Text);
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(address.EndPoint);
        }
        catch (SocketException)
        {
            // Nobody listens: left by a process that died; the rename in BindUnix replaces it.
            return;
        }

        throw new LogInputException($"cannot listen on {address.Text}: another process is listening on {path}", address.Text);
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a named pipe",
        FileKind.CharacterDevice or FileKind.BlockDevice => "a device",
        _ => "something else",
    };

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
            ListenerLog.Connected(_logger, name);
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

                ListenerLog.Disconnected(_logger, name);
            }));
            clients.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
    }
}
