using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Postmeter.Insights.Notifications;

namespace Postmeter.Server.Tests.Web;

/// <summary>
/// Insights and notifications over the API of a real server: a bounce-heavy real Postfix log moved to end a few minutes
/// ago, followed from a folder, with a webhook on 127.0.0.1 that records what it is sent.
/// </summary>
public sealed class InsightsApiTests : IDisposable
{
    private const string Secret = "hook-secret";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_bounce_spike_of_the_last_hour_is_archived_as_history_found_again_live_and_sent_to_the_webhook_once()
    {
        using var hook = new HttpRecorder();
        using var server = Start(hook);
        using var admin = server.Client();
        await admin.Register();

        var insights = await WaitFor(admin, "api/v1/insights?status=open", list => list.Any(i => i!["type"]!.GetValue<string>() == "high_bounce_rate"));
        var live = insights.Single(i => i!["type"]!.GetValue<string>() == "high_bounce_rate")!;
        var archived = (await ApiClient.Json(await admin.Get("api/v1/insights?status=archived")))["insights"]!.AsArray();
        var summary = (await ApiClient.Json(await admin.Get("api/v1/insights?category=local&status=resolved")))["insights"]!.AsArray()
            .Single(i => i!["type"]!.GetValue<string>() == "import_summary")!;

        Assert.Equal("bad", live["rating"]!.GetValue<string>());
        Assert.False(live["history"]!.GetValue<bool>());
        Assert.True(live["content"]!["rate"]!.GetValue<double>() > 5);
        Assert.Contains(archived, i => i!["type"]!.GetValue<string>() == "high_bounce_rate" && i["history"]!.GetValue<bool>());
        Assert.All(archived, i => Assert.True(i!["history"]!.GetValue<bool>()));
        Assert.Equal(archived.Count, summary["content"]!["insights"]!.GetValue<int>());

        var sent = await WaitForRequests(hook, r => r.Body.Contains("\"high_bounce_rate\"", StringComparison.Ordinal));
        var request = Assert.Single(sent);
        Assert.Equal("sha256=" + WebhookChannel.Signature(Secret, request.Headers[WebhookChannel.TimestampHeader], request.Body), request.Headers[WebhookChannel.SignatureHeader]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(live["id"]!.GetValue<long>(), body["id"]!.GetValue<long>());
        Assert.Equal($"https://postmeter.example.com/insights/{live["id"]}", body["link"]!.GetValue<string>());
        Assert.DoesNotContain(hook.Requests, r => archived.Any(a => r.Body.Contains($"\"id\":{a!["id"]},", StringComparison.Ordinal)));

        var channelsText = await (await admin.Get("api/v1/notifications")).Content.ReadAsStringAsync();
        var webhook = Assert.Single(JsonNode.Parse(channelsText)!.AsArray());
        Assert.Equal((KeyOf(hook.Address), true), (webhook!["channel"]!.GetValue<string>(), webhook["enabled"]!.GetValue<bool>()));
        Assert.Equal(hook.Address.Authority, webhook["target"]!.GetValue<string>());
        Assert.NotNull(webhook["last_sent_at"]);
        Assert.DoesNotContain(Secret, channelsText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_rating_and_snooze_are_for_admins_and_bad_input_is_named()
    {
        using var hook = new HttpRecorder();
        using var server = Start(hook, "--allow-multiple-users");
        using var admin = server.Client();
        await admin.Register();
        await admin.Post("api/v1/users", new { email = "vic@example.com", name = "Vic", password = "plum anchor 7 lantern drift" });
        using var viewer = server.Client();
        await viewer.Login("vic@example.com", "plum anchor 7 lantern drift");
        var open = await WaitFor(admin, "api/v1/insights?status=open", list => list.Any(i => i!["type"]!.GetValue<string>() == "high_bounce_rate"));
        var id = open.Single(i => i!["type"]!.GetValue<string>() == "high_bounce_rate")!["id"]!.GetValue<long>();

        var viewerReads = await viewer.Get($"api/v1/insights/{id}");
        var viewerArchives = await viewer.Post($"api/v1/insights/{id}/archive", null);
        var rated = await ApiClient.Json(await admin.Post($"api/v1/insights/{id}/rating", new { usefulness = "useful" }));
        var badRating = await admin.Post($"api/v1/insights/{id}/rating", new { usefulness = "meh" });
        var archived = await ApiClient.Json(await admin.Post($"api/v1/insights/{id}/archive", null));
        var stillOpen = await ApiClient.Json(await admin.Get("api/v1/insights?status=open"));
        var missing = await admin.Post("api/v1/insights/999999/archive", null);
        var badStatus = await admin.Get("api/v1/insights?status=closed&limit=0");
        var snoozed = await ApiClient.Json(await admin.Post("api/v1/insights/types/high_bounce_rate/snooze", new { hours = 24 }));
        var badType = await admin.Post("api/v1/insights/types/nothing/snooze", new { hours = 24 });
        var noCsrf = await admin.Post($"api/v1/insights/{id}/archive", null, csrf: "wrong");

        Assert.Equal(HttpStatusCode.OK, viewerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerArchives.StatusCode);
        Assert.Equal("useful", rated["usefulness"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRating.StatusCode);
        Assert.Equal(("archived", "useful"), (archived["status"]!.GetValue<string>(), archived["usefulness"]!.GetValue<string>()));
        Assert.DoesNotContain(stillOpen["insights"]!.AsArray(), i => i!["id"]!.GetValue<long>() == id);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var errors = (await ApiClient.Json(badStatus))["errors"]!;
        Assert.Contains("status: 'closed' is not one; expected one of open, resolved, archived, active", errors["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("limit: 0 is out of range", errors["limit"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(snoozed["until"]);
        Assert.Equal(HttpStatusCode.NotFound, badType.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noCsrf.StatusCode);
        Assert.NotNull((await ApiClient.Json(await admin.Get($"api/v1/insights/{id}")))["snoozed_until"]);

        // An escalation names who asked: admins see it, viewers do not.
        await admin.Post("api/v1/detective/escalate", new { recipient = "someone@example.com" });
        var seen = await WaitFor(admin, "api/v1/insights", list => list.Any(i => i!["type"]!.GetValue<string>() == "detective_escalation"));
        var escalation = seen.Single(i => i!["type"]!.GetValue<string>() == "detective_escalation")!;
        var viewerList = (await ApiClient.Json(await viewer.Get("api/v1/insights")))["insights"]!.AsArray();
        Assert.Equal("admin@example.com", escalation["content"]!["requester"]!.GetValue<string>());
        Assert.DoesNotContain(viewerList, i => i!["type"]!.GetValue<string>() == "detective_escalation");
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Get($"api/v1/insights/{escalation["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Get("api/v1/insights?cursor=987654")).StatusCode);
    }

    [Fact]
    public async Task A_test_notification_says_whether_it_arrived_and_why_not()
    {
        using var hook = new HttpRecorder();
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.Empty(_temp));
        using var admin = server.Client();
        await admin.Register();
        var closedPort = LocalServer.FreePort();
        await admin.Send(HttpMethod.Put, "api/v1/settings", new
        {
            notifications = new { webhooks = new object[] { new { url = hook.Address.ToString() }, new { url = $"http://127.0.0.1:{closedPort}/hook" } } },
        });

        var closed = new Uri($"http://127.0.0.1:{closedPort}/hook");
        var arrived = await ApiClient.Json(await admin.Post($"api/v1/notifications/{KeyOf(hook.Address)}/test", null));
        var refused = await ApiClient.Json(await admin.Post($"api/v1/notifications/{KeyOf(closed)}/test", null));
        var unknown = await admin.Post("api/v1/notifications/slack/test", null);
        var channels = (await ApiClient.Json(await admin.Get("api/v1/notifications"))).AsArray();

        Assert.True(arrived["delivered"]!.GetValue<bool>());
        Assert.Contains("Test notification", Assert.Single(hook.Requests).Body, StringComparison.Ordinal);
        Assert.False(refused["delivered"]!.GetValue<bool>());
        Assert.StartsWith($"webhook http://127.0.0.1:{closedPort}/hook: ", refused["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(refused["error"]!.GetValue<string>(), channels.Single(c => c!["channel"]!.GetValue<string>() == KeyOf(closed))!["last_error"]!.GetValue<string>());

        // Removing the first webhook leaves the second with its key, its state and its queue.
        await admin.Send(HttpMethod.Put, "api/v1/settings", new { notifications = new { webhooks = new object[] { new { url = closed.ToString() } } } });
        var left = Assert.Single((await ApiClient.Json(await admin.Get("api/v1/notifications"))).AsArray());
        Assert.Equal((KeyOf(closed), refused["error"]!.GetValue<string>()), (left!["channel"]!.GetValue<string>(), left["last_error"]!.GetValue<string>()));
    }

    /// <summary>A webhook's channel key, as the server makes it from the URL in the settings.</summary>
    private static string KeyOf(Uri url) =>
        "webhook-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url.ToString())))[..10];

    private ServerProcess Start(HttpRecorder hook, params string[] more)
    {
        var logs = _temp.Path("bounces");
        Directory.CreateDirectory(logs);
        File.WriteAllBytes(Path.Combine(logs, "mail.log"), ShiftedLog.Ending(FixturePaths.BounceHeavy, DateTime.UtcNow.AddMinutes(-5)));
        var defaults = new JsonObject
        {
            ["general"] = new JsonObject { ["public_url"] = "https://postmeter.example.com/" },
            ["notifications"] = new JsonObject { ["webhooks"] = new JsonArray(new JsonObject { ["url"] = hook.Address.ToString(), ["secret"] = Secret }) },
        };
        return ServerProcess.Start(_temp.Path("ws"), logs, ["--timezone", "UTC", "--default-settings", defaults.ToJsonString(), .. more]);
    }

    private static async Task<JsonArray> WaitFor(ApiClient client, string path, Func<JsonArray, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var list = (await ApiClient.Json(await client.Get(path)))["insights"]!.AsArray();
            if (done(list) || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return list;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<List<RecordedRequest>> WaitForRequests(HttpRecorder hook, Func<RecordedRequest, bool> wanted)
    {
        var clock = Stopwatch.StartNew();
        while (!hook.Requests.Any(wanted) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        // A little longer: a second notification of the same insight would come now.
        await Task.Delay(NotificationWait);
        return [.. hook.Requests.Where(wanted)];
    }

    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(3);
}
