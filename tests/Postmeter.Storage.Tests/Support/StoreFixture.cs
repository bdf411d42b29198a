using Postmeter.Storage.Sqlite;

namespace Postmeter.Storage.Tests.Support;

/// <summary>Opens workspaces of one store implementation, for the contract tests that every implementation must pass.</summary>
public interface IStoreImplementation
{
    IWorkspaceStore Open(string workspace, WorkspaceAccess access);

    /// <summary>Runs <paramref name="action"/> inside the store's next commit, before it ends (to make one fail).</summary>
    void BeforeCommit(IWorkspaceStore store, Action action);
}

/// <summary>The embedded SQLite store.</summary>
public sealed class SqliteStores : IStoreImplementation
{
    public IWorkspaceStore Open(string workspace, WorkspaceAccess access) => SqliteWorkspaceStore.Open(workspace, access);

    public void BeforeCommit(IWorkspaceStore store, Action action) => ((SqliteWorkspaceStore)store).BeforeCommit(action);
}

/// <summary>A workspace in a temporary folder, opened for writing; the folder goes when the test ends.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly IStoreImplementation _implementation;

    /// <param name="implementation">The store to test; SQLite when not given.</param>
    public StoreFixture(IStoreImplementation? implementation = null)
    {
        _implementation = implementation ?? new SqliteStores();
        Store = _implementation.Open(Workspace, WorkspaceAccess.ReadWrite);
    }

    public string Workspace => _temp.Path("workspace");

    /// <summary>The SQLite database, for the tests of the SQLite store itself.</summary>
    public string Database => Path.Combine(Workspace, "postmeter.db");

    public IWorkspaceStore Store { get; private set; }

    /// <summary>Closes the store and opens the workspace again.</summary>
    public IWorkspaceStore Reopen(WorkspaceAccess access = WorkspaceAccess.ReadWrite)
    {
        Store.Dispose();
        Store = _implementation.Open(Workspace, access);
        return Store;
    }

    /// <summary>Runs <paramref name="action"/> inside the store's next commit, before it ends (to make one fail).</summary>
    public void BeforeCommit(Action action) => _implementation.BeforeCommit(Store, action);

    public void Dispose()
    {
        Store.Dispose();
        _temp.Dispose();
    }
}
