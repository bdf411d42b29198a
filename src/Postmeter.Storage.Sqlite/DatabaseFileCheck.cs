using System.Buffers.Binary;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Looks at a database file's header before SQLite opens it, so that a file that is not a SQLite database, or one
/// cut short, is refused with a clear message and is never written to.
/// </summary>
internal static class DatabaseFileCheck
{
    private const int HeaderLength = 100;

    public static void EnsureSqlite(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = OpenForReading(path);
        var length = file.Length;
        if (length == 0)
        {
            // SQLite's empty database: nothing was ever committed to it.
            return;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        var read = file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        if (read < HeaderLength || !header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            throw NotAWorkspace(path, "file is not a database");
        }

        var pageSize = PageSize(header);
        if (pageSize == 0)
        {
            throw NotAWorkspace(path, "file is not a database: its header names no valid page size");
        }

        if (File.Exists(path + "-wal"))
        {
            // A writer is at work (or stopped before checkpointing): the file's size is not final.
            return;
        }

        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        var expected = (long)pages * pageSize;
        if (length % pageSize != 0 || (pages > 0 && validFor == changeCounter && length < expected))
        {
            throw NotAWorkspace(path, $"the file is damaged: it holds {length} bytes where its header announces {expected}");
        }
    }

    private static FileStream OpenForReading(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WorkspaceException(
                $"cannot read workspace database {path} (permission denied); expected a file the user running Postmeter may read, and write to import", e);
        }
    }

    public static WorkspaceException NotAWorkspace(string path, string why, Exception? inner = null)
    {
        var message = $"{path} is not a Postmeter workspace database ({why}); expected a SQLite file written by Postmeter";
        return inner is null ? new WorkspaceException(message) : new WorkspaceException(message, inner);
    }

    private static int PageSize(ReadOnlySpan<byte> header)
    {
        int size = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        if (size == 1)
        {
            return 65536;
        }

        return size >= 512 && (size & (size - 1)) == 0 ? size : 0;
    }
}
