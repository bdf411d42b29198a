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

            if (!File.Exists(paths.Database))
            {
                throw new WorkspaceException($"no workspace at {full}: {DatabaseName} is missing; expected a directory a Postmeter import has written");
            }

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

        return paths;
    }
}
