using System.Net;

namespace Postmeter.Server.Tests.Web;

/// <summary>Users and the audit trail over the API of a real server: admins only, and never without an admin.</summary>
public sealed class UsersApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Admins_manage_users_viewers_may_not_and_the_last_admin_stays()
    {
        using var server = Start("--allow-multiple-users");
        using var admin = server.Client();
        await admin.Register();
        var adminId = (await ApiClient.Json(await admin.Get("api/v1/auth/me")))["id"]!.GetValue<long>();

        var weak = await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "vic" });
        var added = await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        var duplicate = await admin.Post("api/v1/users", new { email = "VIC@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        var vicId = (await ApiClient.Json(added))["id"]!.GetValue<long>();
        using var viewer = server.Client();
        await viewer.Login("vic@example.com", "plum anchor 7 lantern drift");
        var viewerList = await viewer.Get("api/v1/users");
        var viewerAudit = await viewer.Get("api/v1/audit");
        var demoteSelf = await admin.Send(HttpMethod.Put, $"api/v1/users/{adminId}", new { role = "viewer" });
        var deleteSelf = await admin.Send(HttpMethod.Delete, $"api/v1/users/{adminId}", null);
        var promote = await admin.Send(HttpMethod.Put, $"api/v1/users/{vicId}", new { role = "admin", name = "Victoria" });
        var promotedList = await viewer.Get("api/v1/users");
        var newPassword = await admin.Send(HttpMethod.Put, $"api/v1/users/{vicId}", new { password = "quartz meadow 42 tunnel bell" });
        var afterPassword = await viewer.Get("api/v1/auth/me");
        var removed = await admin.Send(HttpMethod.Delete, $"api/v1/users/{vicId}", null);
        var audit = await ApiClient.Json(await admin.Get("api/v1/audit?limit=50"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerAudit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demoteSelf.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteSelf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promotedList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var actions = audit.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["user removed", "user changed", "user changed", "login", "user added", "register"], actions.Where(a => a != "login failed").Take(6));
        Assert.Equal("127.0.0.1", audit[0]!["client_address"]!.GetValue<string>());
        Assert.Equal("admin@example.com", audit[0]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_multiple_users_no_user_is_added_and_nothing_protected_answers_without_a_session()
    {
        using var server = Start();
        using var admin = server.Client();
        await admin.Register();
        using var stranger = server.Client();
        await stranger.FetchCsrf();

        var add = await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        var statuses = new[]
        {
            await stranger.Get("api/v1/users"),
            await stranger.Get("api/v1/audit"),
            await stranger.Get("api/v1/auth/me"),
            await stranger.Get("metrics"),
            await stranger.Post("api/v1/users", new { email = "x@example.com" }),
            await stranger.Send(HttpMethod.Delete, "api/v1/users/1", null),
        }.Select(r => r.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    [Fact]
    public async Task The_accounts_setting_allows_more_users_as_the_flag_does()
    {
        using var server = Start();
        using var admin = server.Client();
        await admin.Register();

        var before = await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        var setting = await admin.Send(HttpMethod.Put, "api/v1/settings", new { accounts = new { multiple_users = true } });
        var after = await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        var status = await ApiClient.Json(await admin.Get("api/v1/auth/status"));

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, setting.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.True(status["multiple_users"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_session_key_planted_before_a_sign_in_is_not_reused_for_it()
    {
        using var server = Start("--allow-multiple-users");
        using var admin = server.Client();
        await admin.Register();
        await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        using var viewer = server.Client();
        await viewer.Login("vic@example.com", "plum anchor 7 lantern drift");
        var planted = viewer.Cookies.GetAllCookies().Single(c => c.Name == "postmeter_session");

        // The viewer planted their session cookie in the admin's browser for the sign-in request only (so the CSRF token
        // the admin fetches is an anonymous one, and the check passes).
        using var victim = server.Client();
        victim.Cookies.Add(new System.Net.Cookie(planted.Name, planted.Value, "/api/v1/auth/login", server.Address.Host));
        var login = await victim.Login();
        var issued = victim.Cookies.GetAllCookies().Where(c => c.Name == "postmeter_session").OrderBy(c => c.Path.Length).First();

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotEqual(planted.Value, issued.Value);
        Assert.Equal("viewer", (await ApiClient.Json(await viewer.Get("api/v1/auth/me")))["role"]!.GetValue<string>());
        Assert.Equal("admin", (await ApiClient.Json(await victim.Get("api/v1/auth/me")))["role"]!.GetValue<string>());
    }

    private ServerProcess Start(params string[] more)
    {
        var logs = LogFolders.Empty(_temp);
        return ServerProcess.Start(_temp.Path("ws"), logs, more);
    }
}
