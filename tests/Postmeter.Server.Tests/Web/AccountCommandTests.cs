using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The account commands (<c>tokens</c>, <c>users</c>, <c>-email_reset</c>, <c>-registered_user_*</c>) on a workspace a real server uses.</summary>
public sealed class AccountCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_token_is_printed_once_works_as_a_bearer_without_csrf_and_stops_working_when_deleted()
    {
        var workspace = _temp.Path("ws");
        using var server = ServerProcess.Start(workspace, Logs());

        var created = CliRunner.Run(["tokens", "create", "--workspace", workspace, "--name", "prometheus"]);
        var secret = created.Output.Trim();
        var listed = CliRunner.Run(["tokens", "list", "--workspace", workspace]);
        var again = CliRunner.Run(["tokens", "create", "--workspace", workspace, "--name", "prometheus"]);

        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("pm_", secret, StringComparison.Ordinal);
        Assert.Contains("prometheus\tviewer\tpm_", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        using var script = server.Client();
        script.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await ApiClient.Json(await script.Get("api/v1/auth/me"));
        Assert.Equal(("token", "viewer", "token prometheus"), (me["kind"]!.GetValue<string>(), me["role"]!.GetValue<string>(), me["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, (await script.Post("api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(0, CliRunner.Run(["tokens", "delete", "--workspace", workspace, "--name", "prometheus"]).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.Get("api/v1/auth/me")).StatusCode);
        using var forged = server.Client();
        forged.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pm_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.Get("api/v1/auth/me")).StatusCode);
        // A bearer header that signs nobody in exempts nothing from the CSRF check.
        Assert.Equal(HttpStatusCode.Forbidden, (await forged.Post("api/v1/auth/login", new { email = "admin@example.com", password = "x" })).StatusCode);
        Assert.DoesNotContain(secret, server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_are_added_with_a_strong_password_only_and_a_new_password_ends_their_sessions()
    {
        var workspace = _temp.Path("ws");
        using var server = ServerProcess.Start(workspace, Logs());
        string[] add = ["users", "add", "--workspace", workspace, "--email", "viewer@example.com", "--name", "Vic", "--password-stdin"];

        var weak = CliRunner.Run(add, Encoding.UTF8.GetBytes("vic12345\n"));
        var added = CliRunner.Run(add, Encoding.UTF8.GetBytes(ApiClient.StrongPassword + "\n"));
        var fromArgv = CliRunner.Run(["users", "add", "--workspace", workspace, "--email", "x@example.com", "--name", "X", "--password", ApiClient.StrongPassword]);
        using var browser = server.Client();
        var login = await browser.Login("viewer@example.com");
        var me = await ApiClient.Json(await browser.Get("api/v1/auth/me"));
        var newPassword = _temp.Write("password.txt", "plum anchor 7 lantern drift\n");
        var set = CliRunner.Run(["users", "set-password", "--workspace", workspace, "--email", "viewer@example.com", "--password-file", newPassword]);
        var afterReset = await browser.Get("api/v1/auth/me");

        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("too weak", weak.Error, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(2, fromArgv.ExitCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("viewer", me["role"]!.GetValue<string>());
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Login("viewer@example.com", "plum anchor 7 lantern drift")).StatusCode);
        Assert.Equal("viewer@example.com\tVic\tviewer\n", CliRunner.Run(["users", "list", "--workspace", workspace]).Output);
        Assert.Equal(0, CliRunner.Run(["users", "delete", "--workspace", workspace, "--email", "viewer@example.com"]).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Lightmeter_flags_provision_the_administrator_and_change_it()
    {
        var workspace = _temp.Path("ws");
        using (var server = ServerProcess.Start(workspace, Logs(), "-registered_user_email", "ops@example.com", "-registered_user_name", "Ops", "-registered_user_password", ApiClient.StrongPassword))
        {
            using var browser = server.Client();
            Assert.Equal(HttpStatusCode.OK, (await browser.Login("ops@example.com")).StatusCode);
            Assert.Equal(0, server.Stop());
        }

        var nothing = CliRunner.Run(["-workspace", workspace, "-email_reset", "ops@example.com"]);
        var renamed = CliRunner.Run(["-workspace", workspace, "-email_reset", "ops@example.com", "-new_user_name", "Operations", "-new_email", "team@example.com"]);
        var unknown = CliRunner.Run(["-workspace", workspace, "-email_reset", "nobody@example.com", "-new_user_name", "X"]);

        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("nothing to change", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(0, renamed.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("team@example.com\tOperations\tadmin\n", CliRunner.Run(["users", "list", "--workspace", workspace]).Output);
        Assert.Matches(@"^\d+\.\d+\.\d+", CliRunner.Run(["-version"]).Output);
        var half = CliRunner.Run(["-workspace", workspace, "-watch_dir", Logs(), "-registered_user_email", "ops@example.com"]);
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("go together", half.Error, StringComparison.Ordinal);
    }

    private string Logs() => LogFolders.WithRealLog(_temp);
}
