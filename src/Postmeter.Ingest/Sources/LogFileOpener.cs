using Postmeter.Ingest.Decompression;

namespace Postmeter.Ingest.Sources;

/// <summary>
/// Opens a log file for reading, decompressing gzip and bzip2 transparently. The format is decided by the file's
/// first bytes, not its name, so <c>mail.log.1</c> that is really gzip, or <c>maillog.gz</c> that is really plain
/// text, both read correctly.
/// </summary>
public static class LogFileOpener
{
    /// <summary>Read buffer of the underlying file: large, since log files are read start to end.</summary>
    public const int FileBufferSize = 1 << 20;

    /// <summary>
    /// Opens <paramref name="path"/>. A plain regular file comes back as its seekable <see cref="FileStream"/>; an
    /// archive as a forward-only stream of the decompressed bytes; a named pipe as a forward-only stream too. Damage found while reading an archive is thrown from
    /// <c>Read</c> as a <see cref="LogInputException"/>.
    /// </summary>
    /// <exception cref="LogInputException">The file is missing, a directory, or cannot be read.</exception>
    public static Stream Open(string path) => Open(path, out _);

    /// <inheritdoc cref="Open(string)"/>
    /// <param name="path">The file to open.</param>
    /// <param name="file">The underlying file, whose position tells how much of it has been consumed (for progress).</param>
    public static Stream Open(string path, out FileStream file)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        file = OpenFile(path);
        if (!file.CanSeek)
        {
            // A named pipe or /dev/fd/N from process substitution: sniff like standard input.
            return Open((Stream)file, path);
        }

        try
        {
            Span<byte> head = stackalloc byte[CompressionSniffer.HeaderLength];
            var got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var format = CompressionSniffer.Detect(head[..got]);
            file.Position = 0;
            return format switch
            {
                CompressionFormat.Gzip => new CheckedGZipStream(file, path, () => OpenFile(path)),
                CompressionFormat.BZip2 => new ConcatenatedBZip2Stream(new PeekableStream(file), path),
                _ => file,
            };
        }
        catch (IOException e)
        {
            file.Dispose();
            throw CannotRead(path, e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps an already open stream that may not seek (standard input) with the same detection. The returned stream
    /// owns <paramref name="raw"/>. <paramref name="name"/> is used in error messages.
    /// </summary>
    public static Stream Open(Stream raw, string name)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var peekable = new PeekableStream(raw);
        Span<byte> head = stackalloc byte[CompressionSniffer.HeaderLength];
        var got = peekable.Peek(head);
        return CompressionSniffer.Detect(head[..got]) switch
        {
            CompressionFormat.Gzip => new CheckedGZipStream(peekable, name, reopen: null),
            CompressionFormat.BZip2 => new ConcatenatedBZip2Stream(peekable, name),
            _ => peekable,
        };
    }

    private static FileStream OpenFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new LogInputException(
                $"Not a file: {path} is a directory (expected a Postfix log file here; a directory can be given as an input of its own)",
                path);
        }

        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                // syslog keeps appending and logrotate renames or truncates while we read.
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = FileBufferSize,
                Options = FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LogInputException($"No such file: {path} (expected a Postfix log file)", path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LogInputException(
                $"Permission denied: {path} (the log file must be readable by the user running Postmeter, e.g. through the adm group)",
                path,
                e);
        }
        catch (IOException e)
        {
            throw CannotRead(path, e);
        }
    }

    private static LogInputException CannotRead(string path, IOException e) =>
        new($"Cannot read {path}: {e.Message}", path, e);
}
