using Postmeter.Storage.Accounts;

namespace Postmeter.Storage.Sqlite;

/// <summary>Opens the store of a workspace folder (SQLite, the embedded default).</summary>
public static class WorkspaceStores
{
    public static IWorkspaceStore Open(string workspaceDirectory, bool readOnly) =>
        SqliteWorkspaceStore.Open(workspaceDirectory, readOnly ? WorkspaceAccess.ReadOnly : WorkspaceAccess.ReadWrite);

    /// <summary>The accounts of a workspace this version has opened before (no lock needed; see <see cref="Accounts.SqliteAccountStore.Open"/>).</summary>
    public static IAccountStore OpenAccounts(string workspaceDirectory) => Accounts.SqliteAccountStore.Open(workspaceDirectory);

    /// <summary>The insights of a workspace this version has opened before (no lock needed).</summary>
    public static Storage.Insights.IInsightStore OpenInsights(string workspaceDirectory) => Insights.SqliteInsightStore.Open(workspaceDirectory);
}
