namespace Postmeter.Storage;

/// <summary>How a workspace is opened.</summary>
public enum WorkspaceAccess
{
    /// <summary>The one process that imports into the workspace: takes the workspace's lock, creates and upgrades the database.</summary>
    ReadWrite,

    /// <summary>
    /// A reader (<c>postmeter messages --workspace</c>): no lock, nothing written, may run while an import runs (it sees
    /// the data of the last finished commit). The database must exist and have this version's schema.
    /// </summary>
    ReadOnly,
}
