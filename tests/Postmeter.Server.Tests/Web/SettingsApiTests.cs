using System.Net;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The admin's settings over the API of a real server: typed groups, 422 per field, secrets write-only.</summary>
public sealed class SettingsApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Settings_are_checked_per_field_and_secrets_never_come_back()
    {
        using var server = Start("-default_settings", """{"general":{"language":"de","time_zone":"Europe/Berlin"}}""", "--data-retention", "30d");
        using var admin = server.Client();
        await admin.Register();

        var defaults = await ApiClient.Json(await admin.Get("api/v1/settings"));
        var wrong = await admin.Send(HttpMethod.Put, "api/v1/settings", new
        {
            general = new { language = "xx", public_url = "ftp://x", postfix_public_ip = "300.1.1.1", time_zone = "Mars/Olympus" },
            insights = new { bounce_rate_threshold = 101, auth_window_minutes = 0 },
            notifications = new { slack = new { webhook_url = "not a url", policy = new { ratings = new[] { "terrible" } } } },
        });
        var unknown = await admin.Send(HttpMethod.Put, "api/v1/settings", """{"general":{"colour":"red"}}""");
        var saved = await admin.Send(HttpMethod.Put, "api/v1/settings", new
        {
            notifications = new
            {
                slack = new { enabled = true, token = "xoxb-secret-token", channel = "#mail", webhook_url = "https://hooks.slack.com/services/T0/B0/secretpart" },
                email = new { enabled = false, password = "smtp-secret" },
                webhooks = new[] { new { url = "https://hooks.example.com/postmeter", secret = "hook-secret" } },
            },
            retention = new { data_retention = "60d" },
        });
        var keptBody = await admin.Send(HttpMethod.Put, "api/v1/settings", new
        {
            notifications = new { slack = new { enabled = true, token = "********", channel = "#ops" }, webhooks = new[] { new { url = "https://hooks.example.com/postmeter" } } },
        });
        var after = await ApiClient.Json(await admin.Get("api/v1/settings"));
        await admin.Send(HttpMethod.Put, "api/v1/settings", new { notifications = new { email = new { server = "smtp.example.com", password = "smtp-secret" } } });
        var sameServer = await ApiClient.Json(await admin.Send(HttpMethod.Put, "api/v1/settings", new { notifications = new { email = new { server = "smtp.example.com", password = "********" } } }));
        var otherServer = await ApiClient.Json(await admin.Send(HttpMethod.Put, "api/v1/settings", new { notifications = new { email = new { server = "evil.example.net", password = "********", security = "none" } } }));

        Assert.Equal(("de", "Europe/Berlin", "30d"), (defaults["general"]!["language"]!.GetValue<string>(), defaults["general"]!["time_zone"]!.GetValue<string>(), defaults["retention"]!["data_retention"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var errors = (await ApiClient.Json(wrong))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "general.language", "general.postfix_public_ip", "general.public_url", "general.time_zone", "insights.auth_window_minutes",
                "insights.bounce_rate_threshold", "notifications.slack.policy.ratings", "notifications.slack.webhook_url",
            ],
            errors);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keptBody.StatusCode);
        var text = after.ToJsonString();
        Assert.DoesNotContain("secret", text.Replace("\"secret\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("********", after["notifications"]!["slack"]!["token"]!.GetValue<string>());
        Assert.Equal("********", after["notifications"]!["slack"]!["webhook_url"]!.GetValue<string>());
        Assert.Equal("#ops", after["notifications"]!["slack"]!["channel"]!.GetValue<string>());
        Assert.Equal("********", after["notifications"]!["webhooks"]![0]!["secret"]!.GetValue<string>());
        Assert.Equal("60d", after["retention"]!["data_retention"]!.GetValue<string>());
        Assert.Equal("********", sameServer["notifications"]!["email"]!["password"]!.GetValue<string>());
        Assert.Null(otherServer["notifications"]!["email"]!["password"]);
        Assert.DoesNotContain("xoxb-secret-token", server.Log, StringComparison.Ordinal);
        Assert.Contains("settings changed", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_read_settings_but_may_not_change_them()
    {
        using var server = Start("--allow-multiple-users");
        using var admin = server.Client();
        await admin.Register();
        await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        using var viewer = server.Client();
        await viewer.Login("vic@example.com", "plum anchor 7 lantern drift");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Get("api/v1/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Send(HttpMethod.Put, "api/v1/settings", new { general = new { language = "de" } })).StatusCode);
    }

    [Fact]
    public void Wrong_default_settings_are_refused_before_anything_starts()
    {
        var run = CliRunner.Run(["-workspace", _temp.Path("ws"), "-watch_dir", Logs(), "-default_settings", """{"general":{"language":"xx"}}"""]);
        var notJson = CliRunner.Run(["-workspace", _temp.Path("ws"), "-watch_dir", Logs(), "-default_settings", "{nope"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-default_settings: general.language: 'xx' is not offered", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains("-default_settings: not the JSON", notJson.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_provider_groups_file_is_refused_before_anything_starts()
    {
        var groups = _temp.Path("groups.txt");
        File.WriteAllText(groups, "ours example.net\nours gm@il\n");
        var malformed = CliRunner.Run(["-workspace", _temp.Path("ws"), "-watch_dir", Logs(), "--provider-groups", groups]);
        var missing = CliRunner.Run(["-workspace", _temp.Path("ws"), "-watch_dir", Logs(), "--provider-groups", _temp.Path("none.txt")]);

        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains($"--provider-groups: {groups}:2: 'gm@il' is not a domain pattern", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"--provider-groups: cannot read '{_temp.Path("none.txt")}'", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path("ws"), "postmeter.db")));
    }

    private ServerProcess Start(params string[] more) => ServerProcess.Start(_temp.Path("ws"), Logs(), more);

    private string Logs() => LogFolders.Empty(_temp);
}
