using System.Globalization;
using System.Text;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The lock that makes one process the owner of a workspace: <c>postmeter.lock</c> held open without sharing (an
/// exclusive <c>flock</c> on Unix) for the owner's lifetime. It holds the owner's process id, for people.
/// </summary>
internal sealed class WorkspaceLock : IDisposable
{

    private readonly FileStream _file;

    private WorkspaceLock(FileStream file) => _file = file;

    public static WorkspaceLock Acquire(WorkspacePaths paths)
    {
        FileStream file;
        try
        {
            file = new FileStream(paths.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldByAnother(e))
        {
            throw new WorkspaceException(
                $"workspace {paths.Directory} is in use by another Postmeter process ({paths.Lock} is locked); expected one process per workspace: stop the other one, or read with 'postmeter messages --workspace'", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkspaceException($"workspace directory {paths.Directory} is not writable ({e.Message}); expected a directory Postmeter can write to", e);
        }

        try
        {
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            file.SetLength(0);
            file.Write(pid);
            file.Flush();
        }
        catch (IOException e)
        {
            file.Dispose();
            throw new WorkspaceException($"workspace directory {paths.Directory} is not writable ({e.Message}); expected a directory Postmeter can write to", e);
        }

        return new WorkspaceLock(file);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The lock is taken: EWOULDBLOCK from flock on Linux (11) and macOS (35), a sharing or lock violation on Windows.</summary>
    private static bool IsHeldByAnother(IOException e) =>
        e.GetType() == typeof(IOException) && (e.HResult is 11 or 35 || (e.HResult & 0xFFFF) is 32 or 33);
}
