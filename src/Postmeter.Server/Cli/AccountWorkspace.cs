using System.CommandLine;
using Postmeter.Server.Settings;
using Postmeter.Storage;
using Postmeter.Storage.Accounts;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Cli;

/// <summary>
/// What the account commands (<c>users</c>, <c>tokens</c>, <c>-email_reset</c>) share: the workspace, from
/// <c>--workspace</c> or the environment, and its accounts, opened without the workspace lock so they work while a
/// server runs (a workspace not yet upgraded to this version is upgraded first, which needs the lock).
/// </summary>
internal static class AccountWorkspace
{
    public static Option<string?> WorkspaceOption() => SettingsTable.Workspace.TextOption();

    public static IAccountStore Open(ParseResult result, Option<string?> workspace, CliContext context)
    {
        var directory = new SettingValues(result, context.Environment).Value(workspace, SettingsTable.Workspace);
        try
        {
            return WorkspaceStores.OpenAccounts(directory);
        }
        catch (WorkspaceException)
        {
            // Missing, or written by an older version: the owner's open creates or upgrades it (or says what is wrong).
            context.OpenWorkspace(directory, false).Dispose();
            return WorkspaceStores.OpenAccounts(directory);
        }
    }
}
