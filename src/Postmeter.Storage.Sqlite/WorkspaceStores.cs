namespace Postmeter.Storage.Sqlite;

/// <summary>Opens the store of a workspace folder (SQLite, the embedded default).</summary>
public static class WorkspaceStores
{
    public static IWorkspaceStore Open(string workspaceDirectory, bool readOnly) =>
        SqliteWorkspaceStore.Open(workspaceDirectory, readOnly ? WorkspaceAccess.ReadOnly : WorkspaceAccess.ReadWrite);
}
