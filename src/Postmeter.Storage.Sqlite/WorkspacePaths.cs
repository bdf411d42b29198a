using Postmeter.Storage.FileSystem;

namespace Postmeter.Storage.Sqlite;

/// <summary>The files of a workspace folder, and the checks that it can be used before anything is opened.</summary>
internal sealed class WorkspacePaths
{
    public const string DatabaseName = "postmeter.db";
    public const string LockName = "postmeter.lock";

    private WorkspacePaths(string directory) => Directory = directory;

    public string Directory { get; }

    public string Database => Path.Combine(Directory, DatabaseName);

    public string Lock => Path.Combine(Directory, LockName);

    /// <summary>The workspace at <paramref name="directory"/>: created when writable access is asked for, required to exist otherwise.</summary>
    public static WorkspacePaths Prepare(string directory, WorkspaceAccess access)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new WorkspaceException("no workspace given; expected the path of a directory for Postmeter's data");
        }

        var full = Path.GetFullPath(directory);
        EnsureNotDanglingLink(full);
        if (File.Exists(full))
        {
            throw new WorkspaceException($"workspace {full} is a file; expected a directory for Postmeter's data");
        }

        var paths = new WorkspacePaths(full);
        if (access == WorkspaceAccess.ReadOnly)
        {
            if (!System.IO.Directory.Exists(full))
            {
                throw new WorkspaceException($"no workspace at {full}: the directory does not exist; expected a directory a Postmeter import has written");
            }

            EnsureDatabaseFile(paths);
            return paths;
        }

        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkspaceException($"cannot create workspace directory {full} ({e.Message}); expected a directory Postmeter can create and write to", e);
        }

        // A missing database is created; anything but a regular file in its place is refused.
        if (DatabaseKind(paths) is not FileKind.Missing)
        {
            EnsureDatabaseFile(paths);
        }

        return paths;
    }

    private static void EnsureNotDanglingLink(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null)
        {
            return;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        // FileInfo resolves to a FileInfo, whose Exists is false for a directory: look at the path itself.
        if (target is null || !(System.IO.Directory.Exists(target.FullName) || File.Exists(target.FullName)))
        {
            throw new WorkspaceException(
                $"workspace {full} is a symbolic link to {info.LinkTarget}, which does not exist; expected a directory for Postmeter's data, or a link to one");
        }
    }

    private static FileKind DatabaseKind(WorkspacePaths paths) =>
        FileStatus.OfPath(paths.Database, followLinks: true)?.Kind ?? (File.Exists(paths.Database) ? FileKind.Regular : FileKind.Missing);

    /// <summary>The database must be a file this user can see; the error says what is in the way.</summary>
    private static void EnsureDatabaseFile(WorkspacePaths paths)
    {
        switch (DatabaseKind(paths))
        {
            case FileKind.Regular:
                return;
            case FileKind.Missing:
                throw new WorkspaceException(
                    $"no workspace at {paths.Directory}: {DatabaseName} is missing; expected a directory a Postmeter import has written");
            case FileKind.Inaccessible:
                throw new WorkspaceException(
                    $"cannot look into workspace directory {paths.Directory} (permission denied); expected a directory the user running Postmeter may enter and read");
            case FileKind.Directory:
                throw new WorkspaceException(
                    $"workspace database {paths.Database} is a directory; expected the SQLite file a Postmeter import writes");
            default:
                throw new WorkspaceException(
                    $"workspace database {paths.Database} is not a regular file; expected the SQLite file a Postmeter import writes");
        }
    }
}
