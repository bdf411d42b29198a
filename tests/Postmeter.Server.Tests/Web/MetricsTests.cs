using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary><c>/metrics</c> of a real server: protected by a token, and counting what <c>report</c> counts.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Metrics_need_a_token_and_count_the_fates_report_counts_and_the_first_import_reports_its_end()
    {
        var workspace = _temp.Path("ws");
        var logs = LogFolders.WithRealLog(_temp);
        var log = Path.Combine(logs, "mail.log");
        using var server = ServerProcess.Start(workspace, logs);
        using var anonymous = server.Client();
        var refused = await anonymous.Get("metrics");
        var token = CliRunner.Run(["tokens", "create", "--workspace", workspace, "--name", "prometheus"]).Output.Trim();
        using var prometheus = server.Client();
        prometheus.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // A queue line ten minutes later lets the last messages settle (the tracker waits a minute of log time for late lines).
        File.AppendAllText(log, "Nov 21 22:44:33 mail postfix/qmgr[28381]: 0A0A0A0A0A: removed\n");
        var lines = File.ReadAllLines(log).Length;
        var metrics = await WaitFor(prometheus, text => Value(text, "postmeter_log_lines_read_total") >= lines && Sum(text, "postmeter_deliveries_total", "bounced") > 0);
        var totals = JsonNode.Parse(CliRunner.Run(["report", "--workspace", workspace, "--format", "json"]).Output)!["totals"]!;
        var progress = await ApiClient.Json(await prometheus.Get("api/v1/import/progress"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(lines, Value(metrics, "postmeter_log_lines_read_total"));
        Assert.Equal(totals["delivered"]!.GetValue<long>(), Sum(metrics, "postmeter_deliveries_total", "sent"));
        Assert.Equal(totals["bounced"]!.GetValue<long>(), Sum(metrics, "postmeter_deliveries_total", "bounced"));
        Assert.Equal(totals["expired"]!.GetValue<long>(), Sum(metrics, "postmeter_deliveries_total", "expired"));
        Assert.Equal(totals["rejected"]!.GetValue<long>(), Value(metrics, "postfix_smtpd_messages_rejected_total"));
        Assert.Equal(totals["sasl_failures"]!.GetValue<long>(), Value(metrics, "postfix_smtpd_sasl_authentication_failures_total"));
        Assert.Contains("postmeter_commit_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.False(progress["active"]!.GetValue<bool>());
        Assert.Equal(100, progress["percent"]!.GetValue<double>());
        Assert.InRange(progress["lines"]!.GetValue<long>(), File.ReadAllLines(FixturePaths.Seed42).Length, lines);
        Assert.Equal(progress["bytes_total"]!.GetValue<long>(), progress["bytes_done"]!.GetValue<long>());
        Assert.True(progress["bytes_total"]!.GetValue<long>() >= new FileInfo(FixturePaths.Seed42).Length);
        Assert.DoesNotContain("@", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_public_serves_them_without_a_token()
    {
        using var server = ServerProcess.Start(_temp.Path("ws"), LogFolders.WithRealLog(_temp), "--metrics-public");
        using var anonymous = server.Client();

        var metrics = await WaitFor(anonymous, text => Value(text, "postmeter_log_lines_read_total") > 0);

        Assert.Contains("process_cpu_seconds_total", metrics, StringComparison.Ordinal);
    }

    private static async Task<string> WaitFor(ApiClient client, Func<string, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var text = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var response = await client.Get("metrics");
            text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && done(text))
            {
                return text;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the metrics never showed the import:\n" + text);
    }

    private static long Value(string metrics, string name) => metrics.Split('\n')
        .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal))
        .Select(line => (long)double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture))
        .SingleOrDefault();

    private static long Sum(string metrics, string name, string status) => metrics.Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains($"status=\"{status}\"", StringComparison.Ordinal))
        .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
