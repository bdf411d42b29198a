using Postmeter.Storage.Sqlite;

namespace Postmeter.Storage.Tests.Support;

/// <summary>A workspace in a temporary folder, opened for writing; the folder goes when the test ends.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public StoreFixture() => Store = SqliteWorkspaceStore.Open(Workspace);

    public string Workspace => _temp.Path("workspace");

    public string Database => Path.Combine(Workspace, "postmeter.db");

    public SqliteWorkspaceStore Store { get; private set; }

    /// <summary>Closes the store and opens the workspace again.</summary>
    public SqliteWorkspaceStore Reopen(WorkspaceAccess access = WorkspaceAccess.ReadWrite)
    {
        Store.Dispose();
        Store = SqliteWorkspaceStore.Open(Workspace, access);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        _temp.Dispose();
    }
}
