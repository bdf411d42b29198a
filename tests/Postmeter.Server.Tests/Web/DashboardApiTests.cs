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
        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await admin.Get("api/v1/dashboard/logins?from=" + new string('9', 10_000))).StatusCode);
        using var stranger = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Get("api/v1/dashboard/logins?from=2026-11-21&to=2026-11-22")).StatusCode);
    }

    private static async Task WaitForImport(ApiClient client)
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
