using System.Net;
using System.Text.Json.Nodes;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The dashboard endpoints of a real server on a workspace imported from a real log.</summary>
public sealed class DashboardApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Logins_per_hour_add_up_to_the_report_and_bad_parameters_are_named()
    {
        var workspace = _temp.Path("ws");
        using var server = ServerProcess.Start(workspace, LogFolders.WithRealLog(_temp));
        using var admin = server.Client();
        await admin.Register();
        await WaitForImport(admin);
        var totals = JsonNode.Parse(CliRunner.Run(["report", "--workspace", workspace, "--format", "json"]).Output)!["totals"]!;

        var hourly = await ApiClient.Json(await admin.Get("api/v1/dashboard/logins?from=2026-11-21&to=2026-11-22&limit=3"));
        var daily = await ApiClient.Json(await admin.Get("api/v1/dashboard/logins?from=2026-11-20&to=2026-11-23&granularity=day"));
        var buckets = hourly["buckets"]!.AsArray();

        Assert.Equal(24, buckets.Count);
        Assert.Equal("2026-11-21T00:00:00Z", buckets[0]!["time"]!.GetValue<string>());
        Assert.Equal(totals["sasl_logins"]!.GetValue<long>(), buckets.Sum(b => b!["successes"]!.GetValue<long>()));
        Assert.Equal(totals["sasl_failures"]!.GetValue<long>(), buckets.Sum(b => b!["failures"]!.GetValue<long>()));
        Assert.InRange(hourly["failing_clients"]!.AsArray().Count, 1, 3);
        Assert.Equal(3, daily["buckets"]!.AsArray().Count);
        Assert.Equal(totals["sasl_failures"]!.GetValue<long>(), daily["buckets"]!.AsArray().Sum(b => b!["failures"]!.GetValue<long>()));

        string[] wrong =
        [
            "api/v1/dashboard/logins?to=2026-11-22",
            "api/v1/dashboard/logins?from=2026-11-22&to=2026-11-21",
            "api/v1/dashboard/logins?from=2026-11-21&to=2026-11-22&granularity=week",
            "api/v1/dashboard/logins?from=2026-11-21&to=2026-11-22&limit=0",
            "api/v1/dashboard/logins?from=2026-01-01&to=2026-12-01",
            "api/v1/dashboard/logins?from=" + new string('9', 2_000) + "&to=2026-11-22",
        ];
        foreach (var path in wrong)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Get(path)).StatusCode);
        }

        // Longer than Kestrel takes a request line: refused before the API sees it.
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await admin.Get("api/v1/dashboard/logins?from=" + new string('9', 20_000))).StatusCode);
        using var stranger = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Get("api/v1/dashboard/logins?from=2026-11-21&to=2026-11-22")).StatusCode);
    }

    [Fact]
    public async Task Status_timeseries_top_mailboxes_and_reasons_count_what_the_report_counts()
    {
        var workspace = _temp.Path("ws");
        var groups = _temp.Path("groups.txt");
        File.WriteAllText(groups, "# the admin's own rules\nours example.net\n");
        using var server = ServerProcess.Start(workspace, LogFolders.WithAllRealRuns(_temp), "--provider-groups", groups);
        using var admin = server.Client();
        await admin.Register();
        await WaitForImport(admin);

        (string From, string To)[] ranges =
        [
            ("2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"),
            ("2026-11-21T22:00:00Z", "2026-11-21T23:00:00Z"),
            ("2026-11-21T23:00:00Z", "2026-11-22T01:00:00Z"),
            ("2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z"),
            ("2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"),
        ];
        foreach (var (from, to) in ranges)
        {
            var totals = JsonNode.Parse(CliRunner.Run(["report", "--workspace", workspace, "--format", "json", "--from", from, "--to", to]).Output)!["totals"]!;
            var query = $"from={from}&to={to}";
            var all = await ApiClient.Json(await admin.Get($"api/v1/dashboard/status?{query}&direction=all"));
            string[] fates = ["sent", "bounced", "deferred", "expired", "discarded", "returned", "rejected", "deferral_attempts"];
            Assert.Equal(
                new[] { "delivered", "bounced", "deferred", "expired", "discarded", "returned_to_sender", "rejected", "deferral_attempts" }.Select(k => totals[k]!.GetValue<long>()),
                fates.Select(k => all[k]!.GetValue<long>()));

            // The three directions split the whole; a timeseries adds up to its status.
            var parts = new List<JsonNode>();
            foreach (var direction in new[] { "outbound", "inbound", "local" })
            {
                parts.Add(await ApiClient.Json(await admin.Get($"api/v1/dashboard/status?{query}&direction={direction}")));
            }

            Assert.Equal(fates.Select(k => all[k]!.GetValue<long>()), fates.Select(k => parts.Sum(p => p[k]!.GetValue<long>())));
            var series = await ApiClient.Json(await admin.Get($"api/v1/dashboard/timeseries?{query}&direction=all"));
            Assert.Equal(
                fates[..7].Select(k => all[k]!.GetValue<long>()),
                fates[..7].Select(k => series[k]!.AsArray().Sum(v => v!.GetValue<long>())));
            Assert.All(fates[..7], k => Assert.Equal(series["times"]!.AsArray().Count, series[k]!.AsArray().Count));

            var domains = await ApiClient.Json(await admin.Get($"api/v1/dashboard/top?kind=recipient-domains&{query}&direction=all&status=bounced&limit=100"));
            Assert.Equal(all["bounced"]!.GetValue<long>(), domains["items"]!.AsArray().Sum(i => i!["count"]!.GetValue<long>()));
        }

        var day = "from=2026-11-21T00:00:00Z&to=2026-11-23T00:00:00Z";
        var whole = await ApiClient.Json(await admin.Get($"api/v1/dashboard/status?{day}&direction=all"));
        var sentAll = whole["sent"]!.GetValue<long>();
        Assert.True(sentAll > 0 && whole["bounced"]!.GetValue<long>() > 0 && whole["rejected"]!.GetValue<long>() > 0);

        var providers = await ApiClient.Json(await admin.Get($"api/v1/dashboard/top?kind=provider-groups&{day}&direction=all&status=sent&limit=100"));
        Assert.Equal(sentAll, providers["items"]!.AsArray().Sum(i => i!["count"]!.GetValue<long>()));
        // The admin's --provider-groups file puts the busiest recipient domain in a group of its own.
        var busiest = (await ApiClient.Json(await admin.Get($"api/v1/dashboard/top?kind=recipient-domains&{day}&direction=all&status=sent&limit=1")))["items"]![0]!;
        Assert.Equal("example.net", busiest["key"]!.GetValue<string>());
        Assert.Equal(
            (busiest["count"]!.GetValue<long>(), "ours"),
            providers["items"]!.AsArray().Where(i => i!["key"]!.GetValue<string>() == "ours").Select(i => (i!["count"]!.GetValue<long>(), "ours")).Single());
        var senders = await ApiClient.Json(await admin.Get("api/v1/dashboard/top?kind=senders&from=2026-11-21T22:30:00Z&to=2026-11-22T01:00:00Z&direction=all"));
        Assert.Equal(("2026-11-21T00:00:00Z", "2026-11-23T00:00:00Z"), (senders["from"]!.GetValue<string>(), senders["to"]!.GetValue<string>()));
        Assert.NotEmpty(senders["items"]!.AsArray());

        var mailboxes = await ApiClient.Json(await admin.Get($"api/v1/dashboard/mailboxes?kind=received&{day}&granularity=day&limit=5"));
        Assert.Equal(2, mailboxes["times"]!.AsArray().Count);
        Assert.NotEmpty(mailboxes["mailboxes"]!.AsArray());
        Assert.All(mailboxes["mailboxes"]!.AsArray(), m => Assert.Equal(m!["total"]!.GetValue<long>(), m["counts"]!.AsArray().Sum(c => c!.GetValue<long>())));

        var report = JsonNode.Parse(CliRunner.Run(["report", "--workspace", workspace, "--format", "json", "--top", "100"]).Output)!;
        var reasons = await ApiClient.Json(await admin.Get($"api/v1/dashboard/reasons?status=bounced&{day}&limit=100"));
        Assert.Equal(
            report["bounce_reasons"]!.AsArray().Select(r => (r!["reason"]!.GetValue<string>(), r["count"]!.GetValue<long>())).Order(),
            reasons["reasons"]!.AsArray().Select(r => (r!["reason"]!.GetValue<string>(), r["count"]!.GetValue<long>())).Order());
        Assert.All(reasons["reasons"]!.AsArray(), r => Assert.False(string.IsNullOrEmpty(r!["example"]?.GetValue<string>())));

        string[] wrong =
        [
            $"api/v1/dashboard/status?{day}&direction=sideways",
            $"api/v1/dashboard/timeseries?{day}&granularity=minute",
            $"api/v1/dashboard/top?kind=planets&{day}",
            $"api/v1/dashboard/top?kind=senders&status=lost&{day}",
            $"api/v1/dashboard/top?kind=senders&{day}&limit=1000",
            $"api/v1/dashboard/mailboxes?{day}",
            $"api/v1/dashboard/reasons?status=sent&{day}",
            "api/v1/dashboard/status?from=2026-11-23&to=2026-11-21",
        ];
        foreach (var path in wrong)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Get(path)).StatusCode);
        }
    }

    internal static async Task WaitForImport(ApiClient client)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var progress = await ApiClient.Json(await client.Get("api/v1/import/progress"));
            if (progress["bytes_total"]!.GetValue<long>() > 0 && !progress["active"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the first import did not end");
    }
}
