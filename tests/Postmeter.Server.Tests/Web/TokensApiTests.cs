using System.Net;
using System.Net.Http.Headers;

namespace Postmeter.Server.Tests.Web;

/// <summary>API tokens over the API of a real server: admins create them (the secret shown once), list and delete them.</summary>
public sealed class TokensApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_admin_creates_a_token_that_works_at_once_is_never_shown_again_and_stops_working_when_deleted()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.Empty(_temp));
        using var admin = server.Client();
        await admin.Register();

        var created = await admin.Post("api/v1/tokens", new { name = "  prometheus ", role = "viewer" });
        var body = await ApiClient.Json(created);
        var secret = body["secret"]!.GetValue<string>();
        using var script = server.Client();
        script.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var readWithToken = await script.Get("api/v1/dashboard/status?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z");
        var adminOnlyWithToken = await script.Get("api/v1/tokens");
        var listed = await admin.Get("api/v1/tokens");
        var listText = await listed.Content.ReadAsStringAsync();
        var list = await ApiClient.Json(listed);
        var duplicate = await admin.Post("api/v1/tokens", new { name = "prometheus" });
        var badName = await admin.Post("api/v1/tokens", new { name = "", role = "root" });
        var id = body["token"]!["id"]!.GetValue<long>();
        var deleted = await admin.Send(HttpMethod.Delete, $"api/v1/tokens/{id}", null);
        var deletedAgain = await admin.Send(HttpMethod.Delete, $"api/v1/tokens/{id}", null);
        var afterDelete = await script.Get("api/v1/dashboard/status?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z");
        var audit = await ApiClient.Json(await admin.Get("api/v1/audit?limit=10"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.StartsWith("pm_", secret, StringComparison.Ordinal);
        Assert.Equal(("prometheus", "viewer"), (body["token"]!["name"]!.GetValue<string>(), body["token"]!["role"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, readWithToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOnlyWithToken.StatusCode);
        Assert.DoesNotContain(secret[3..], listText, StringComparison.Ordinal);
        Assert.Equal(secret[..7] + "…", list[0]!["hint"]!.GetValue<string>());
        Assert.NotNull(list[0]!["last_used_at"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        var errors = (await ApiClient.Json(badName))["errors"]!;
        Assert.Contains("name: expected a name of 1 to 100 printable characters", errors["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("role: 'root' is not a role", errors["role"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
        var actions = audit.AsArray().Select(e => (e!["action"]!.GetValue<string>(), e["target"]?.GetValue<string>())).ToList();
        Assert.Contains(("token created", "prometheus"), actions);
        Assert.Contains(("token deleted", "prometheus"), actions);
    }

    [Fact]
    public async Task Tokens_are_managed_by_signed_in_admins_and_a_browser_session_must_send_its_csrf_token()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.Empty(_temp), "--allow-multiple-users");
        using var admin = server.Client();
        await admin.Register();
        await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        using var viewer = server.Client();
        await viewer.Login("vic@example.com", "plum anchor 7 lantern drift");
        using var stranger = server.Client();
        await stranger.FetchCsrf();

        var adminSecret = (await ApiClient.Json(await admin.Post("api/v1/tokens", new { name = "automation", role = "admin" })))["secret"]!.GetValue<string>();
        using var automation = server.Client();
        automation.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminSecret);
        var byAdminToken = await automation.Post("api/v1/tokens", new { name = "left-behind", role = "admin" });
        var listByAdminToken = await automation.Get("api/v1/tokens");
        var byViewer = await viewer.Post("api/v1/tokens", new { name = "mine" });
        var listByViewer = await viewer.Get("api/v1/tokens");
        var byStranger = await stranger.Post("api/v1/tokens", new { name = "mine" });
        var withoutCsrf = await admin.Post("api/v1/tokens", new { name = "mine" }, csrf: "");
        var remaining = await ApiClient.Json(await admin.Get("api/v1/tokens"));

        Assert.Equal(HttpStatusCode.Forbidden, byAdminToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listByAdminToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listByViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCsrf.StatusCode);
        Assert.Equal(["automation"], remaining.AsArray().Select(t => t!["name"]!.GetValue<string>()));
    }
}
