using Microsoft.Extensions.Options;
using Postmeter.Server.Web;
using Postmeter.Server.WorkspaceSettings;

namespace Postmeter.Server.Accounts;

/// <summary>Whether admins may add users: <c>--allow-multiple-users</c>, or the accounts setting an admin turned on.</summary>
internal sealed class UserPolicy(IOptions<WebOptions> web, SettingsStore settings)
{
    public bool MultipleUsers => web.Value.AllowMultipleUsers || settings.Accounts().MultipleUsers;
}
