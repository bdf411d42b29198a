using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Postmeter.Server.Tests.Web;

/// <summary>The Message Detective and message endpoints of a real server on a workspace imported from real logs.</summary>
public sealed class DetectiveApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Admins_find_messages_and_rejects_page_through_them_read_their_timeline_and_log_and_export_csv()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.WithAllRealRuns(_temp));
        using var admin = server.Client();
        await admin.Register();
        await DashboardApiTests.WaitForImport(admin);
        var truth = TruthMessages().First(m => m.Recipients.Count == 1 && m.Expected[0] == "bounced");

        var byRecipient = await Search(admin, $"recipient={Uri.EscapeDataString(truth.Recipients[0].ToUpperInvariant())}");
        var message = byRecipient["results"]!.AsArray().Select(r => r!["message"]).First(m => m?["queue_id"]!.GetValue<string>() == truth.QueueId)!;
        Assert.Equal("bounced", message["recipients"]![0]!["fate"]!.GetValue<string>());
        Assert.NotEmpty(message["recipients"]![0]!["attempts"]!.AsArray());
        Assert.True(message["has_log"]!.GetValue<bool>());
        var id = message["id"]!.GetValue<string>();
        Assert.Contains(
            (await Search(admin, $"id={truth.QueueId}"))["results"]!.AsArray(), r => r!["message"]?["id"]?.GetValue<string>() == id);
        Assert.Contains(
            (await Search(admin, $"id={Uri.EscapeDataString(truth.MessageId)}"))["results"]!.AsArray(), r => r!["message"]?["id"]?.GetValue<string>() == id);

        var detail = await ApiClient.Json(await admin.Get($"api/v1/messages/{id}"));
        var kinds = detail["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal("received", kinds[0]);
        Assert.Contains("attempt", kinds);
        Assert.Equal("ended", kinds[^1]);
        var log = await ApiClient.Json(await admin.Get($"api/v1/messages/{id}/log"));
        Assert.Contains(log["lines"]!.AsArray(), l => l!.GetValue<string>().Contains(truth.QueueId + ": removed", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get("api/v1/messages/m99999999")).StatusCode);

        var rejects = await Search(admin, "recipient=@example.net&status=rejected");
        Assert.NotEmpty(rejects["results"]!.AsArray());
        Assert.All(rejects["results"]!.AsArray(), r => Assert.Equal("reject", r!["kind"]!.GetValue<string>()));

        var first = await Search(admin, "recipient=@gmail.com&limit=5");
        var total = first["total"]!.GetValue<long>();
        var seen = first["results"]!.AsArray().Count;
        for (var page = first; page["next_cursor"] is { } cursor; seen += page["results"]!.AsArray().Count)
        {
            page = await Search(admin, $"recipient=@gmail.com&limit=5&cursor={cursor.GetValue<string>()}");
        }

        Assert.True(total > 5);
        Assert.Equal(total, seen);

        var csv = await admin.Get("api/v1/detective/search?recipient=@gmail.com&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kind,id,time,host,queue_id", rows[0], StringComparison.Ordinal);
        Assert.True(rows.Length - 1 >= total, $"{rows.Length - 1} rows for {total} messages");

        // As the dashboard's rows link to it: a provider group and a direction.
        var google = (await Search(admin, "provider=google&direction=outbound&limit=100"))["results"]!.AsArray();
        Assert.NotEmpty(google);
        Assert.All(google, r =>
        {
            Assert.Equal("outbound", r!["message"]!["direction"]!.GetValue<string>());
            Assert.Contains(r["message"]!["recipients"]!.AsArray(), x =>
                Core.Classification.ProviderGroups.Of(x!["address"]!.GetValue<string>().Split('@')[^1]) == "google");
        });
        var inboundOnly = (await Search(admin, "direction=inbound&status=rejected"))["results"]!.AsArray();
        var outboundRejects = (await Search(admin, "direction=outbound&status=rejected"))["results"]!.AsArray();
        Assert.NotEmpty(inboundOnly);
        Assert.Empty(outboundRejects);
        var fromClient = (await Search(admin, "client=127.0.0.1&limit=100"))["results"]!.AsArray();
        Assert.NotEmpty(fromClient);
        Assert.All(fromClient, r => Assert.Equal("127.0.0.1", (r!["message"] ?? r["reject"])!["client_ip"]!.GetValue<string>()));
        Assert.Empty((await Search(admin, "client=192.0.2.254"))["results"]!.AsArray());
        const string submitted = "alice@example.net";
        var byUser = (await Search(admin, $"sasl_username={Uri.EscapeDataString(submitted)}&limit=100"))["results"]!.AsArray();
        Assert.NotEmpty(byUser);
        Assert.All(byUser, r => Assert.Equal(submitted, r!["message"]!["sasl_username"]!.GetValue<string>()));

        var escalated = await admin.Post("api/v1/detective/escalate", new { recipient = truth.Recipients[0] });
        Assert.Equal(HttpStatusCode.Accepted, escalated.StatusCode);
        Assert.True((await ApiClient.Json(escalated))["results"]!.GetValue<int>() >= 1);
        Assert.Single((await ApiClient.Json(await admin.Get("api/v1/detective/escalations"))).AsArray());

        string[] wrong =
        [
            "status=lost",
            "from=2026-11-23&to=2026-11-21",
            "cursor=bm90LWEtY3Vyc29y",
            "recipient=" + new string('a', 10_000) + "@example.com",
            "sender=not%20an%20address",
            "limit=1000",
            "format=xml",
            "direction=sideways",
            "provider=Google%20Mail",
            "client=not-an-address",
        ];
        foreach (var query in wrong)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Get("api/v1/detective/search?" + query)).StatusCode);
        }

        using var stranger = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Get($"api/v1/detective/search?recipient={truth.Recipients[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Get($"api/v1/messages/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_public_detective_takes_exact_terms_only_shows_the_askers_recipient_alone_and_is_rate_limited()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.WithAllRealRuns(_temp));
        using var admin = server.Client();
        await admin.Register();
        await DashboardApiTests.WaitForImport(admin);
        var saved = await admin.Send(HttpMethod.Put, "api/v1/settings", new { detective = new { @public = true, rate_limit = 7 } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var truth = TruthMessages().First(m => m.Recipients.Count >= 2 && m.Sender.Length > 0);

        using var stranger = server.Client();
        var answer = await Search(stranger, $"sender={truth.Sender}&recipient={truth.Recipients[1]}");
        var message = answer["results"]!.AsArray().Select(r => r!["message"]).First(m => m?["queue_id"]!.GetValue<string>() == truth.QueueId)!;
        Assert.Equal([truth.Recipients[1]], message["recipients"]!.AsArray().Select(r => r!["address"]!.GetValue<string>()));
        Assert.Null(message["client_ip"]?.GetValue<string>());
        Assert.False(message["has_log"]!.GetValue<bool>());

        string[] refused =
        [
            $"recipient={truth.Recipients[0]}", $"id={truth.QueueId}", $"sender=@example.net&recipient={truth.Recipients[0]}",
            // A filter on what the answer hides would let a stranger guess it from whether results come back.
            $"sender={truth.Sender}&recipient={truth.Recipients[1]}&sasl_username=alice",
        ];
        foreach (var query in refused)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await stranger.Get("api/v1/detective/search?" + query)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Get($"api/v1/detective/search?sender={truth.Sender}&recipient={truth.Recipients[1]}&format=csv")).StatusCode);
        await stranger.FetchCsrf();
        Assert.Equal(HttpStatusCode.Accepted, (await stranger.Post("api/v1/detective/escalate", new { sender = truth.Sender, recipient = truth.Recipients[1] })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.Get($"api/v1/detective/search?sender={truth.Sender}&recipient={truth.Recipients[1]}")).StatusCode);

        // The limit counts the client address, not the signed-in admin's searches.
        Assert.Equal(HttpStatusCode.OK, (await admin.Get($"api/v1/detective/search?recipient={truth.Recipients[0]}")).StatusCode);
    }

    [Fact]
    public async Task Mail_still_deferred_in_the_queue_when_the_log_ends_is_found_as_queued_with_its_attempts()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.WithQueuedMail(_temp));
        using var admin = server.Client();
        await admin.Register();
        await DashboardApiTests.WaitForImport(admin);
        using var truth = JsonDocument.Parse(File.ReadAllText(FixturePaths.Fixture("realpostfix-nowait", "truth.json")));
        var deferred = truth.RootElement.GetProperty("messages").EnumerateArray()
            .SelectMany(m => m.GetProperty("recipients").EnumerateArray()
                .Where(r => r.GetProperty("expected").GetString() == "deferred")
                .Select(r => (QueueId: m.GetProperty("queue_id").GetString()!, Address: r.GetProperty("address").GetString()!)))
            .ToList();
        Assert.True(deferred.Count >= 10, $"only {deferred.Count} deferred recipients in the truth file");

        foreach (var (queueId, address) in deferred)
        {
            var results = (await Search(admin, $"recipient={Uri.EscapeDataString(address)}"))["results"]!.AsArray();
            var message = results.Select(r => r!["message"]).FirstOrDefault(m => m?["queue_id"]!.GetValue<string>() == queueId);
            Assert.True(message is not null, $"{queueId} to {address} not found");
            Assert.True(message!["in_flight"]!.GetValue<bool>(), $"{queueId} is not shown as in the queue");
            Assert.Equal("deferred", message["status"]!.GetValue<string>());
            var recipient = message["recipients"]!.AsArray().First(r => r!["address"]!.GetValue<string>() == address)!;
            Assert.Equal("deferred", recipient["fate"]!.GetValue<string>());
            Assert.NotEmpty(recipient["attempts"]!.AsArray());
        }

        var queued = (await Search(admin, "status=queued&limit=100"))["results"]!.AsArray();
        Assert.Equal(deferred.Select(d => d.QueueId).ToHashSet(), queued.Select(r => r!["message"]!["queue_id"]!.GetValue<string>()).ToHashSet());
        var detail = await ApiClient.Json(await admin.Get($"api/v1/messages/{queued[0]!["message"]!["id"]!.GetValue<string>()}"));
        Assert.Equal("queued", detail["timeline"]!.AsArray()[^1]!["kind"]!.GetValue<string>());
    }

    private static async Task<JsonNode> Search(ApiClient client, string query)
    {
        var response = await client.Get("api/v1/detective/search?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiClient.Json(response);
    }

    /// <summary>The queued messages of the seed-42 run that Postfix delivered or bounced (not rejected), from its truth file.</summary>
    private static List<TruthMessage> TruthMessages()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(FixturePaths.Fixture("realpostfix-seed42", "truth.json")));
        return [.. truth.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.TryGetProperty("queue_id", out var q) && q.ValueKind == JsonValueKind.String && m.TryGetProperty("message_id", out _))
            .Select(m => (Message: m, Recipients: m.GetProperty("recipients").EnumerateArray().Where(r => r.GetProperty("expected").GetString() != "rejected").ToList()))
            .Where(m => m.Recipients.Count > 0)
            .Select(m => new TruthMessage(
                m.Message.GetProperty("queue_id").GetString()!, m.Message.GetProperty("message_id").GetString()!, m.Message.GetProperty("sender").GetString() ?? string.Empty,
                [.. m.Recipients.Select(r => r.GetProperty("address").GetString()!)], [.. m.Recipients.Select(r => r.GetProperty("expected").GetString()!)]))];
    }

    private sealed record TruthMessage(string QueueId, string MessageId, string Sender, IReadOnlyList<string> Recipients, IReadOnlyList<string> Expected);
}
