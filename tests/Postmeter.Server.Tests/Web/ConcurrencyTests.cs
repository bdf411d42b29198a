using System.Collections.Concurrent;
using System.Net;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The API under load while the followed log grows: no server error, no line lost.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Eight_clients_for_30_seconds_while_lines_are_appended_get_no_5xx_and_every_line_is_stored()
    {
        var logs = LogFolders.Empty(_temp);
        var log = Path.Combine(logs, "mail.log");
        var workspace = _temp.Path("ws");
        using var server = ServerProcess.Start(workspace, logs, "--allow-multiple-users");
        using (var admin = server.Client())
        {
            await admin.Register();
        }

        var lines = File.ReadAllLines(FixturePaths.Seed42);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource(Duration);
        var clients = Enumerable.Range(0, 8).Select(i => Task.Run(() => Call(server, i, statuses, stop.Token))).ToList();
        var writer = Task.Run(async () =>
        {
            // The whole log in bursts spread over the run.
            const int Bursts = 40;
            var size = (lines.Length + Bursts - 1) / Bursts;
            for (var i = 0; i < lines.Length; i += size)
            {
                await File.AppendAllLinesAsync(log, lines.Skip(i).Take(size));
                await Task.Delay(Duration / (Bursts + 5));
            }
        });
        await Task.WhenAll([.. clients, writer]);

        var expected = CliRunner.Run(["messages", FixturePaths.Seed42]).Output;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stored = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && (stored = CliRunner.Run(["messages", "--workspace", workspace]).Output) != expected)
        {
            await Task.Delay(200);
        }

        Assert.True(statuses.Count > 500, $"only {statuses.Count} requests in {Duration.TotalSeconds} s");
        Assert.DoesNotContain(statuses, status => (int)status >= 500);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.Created, $"unexpected {status}"));
        Assert.Equal(expected, stored);
        Assert.Equal(0, server.Stop());
    }

    private static async Task Call(ServerProcess server, int client, ConcurrentBag<HttpStatusCode> statuses, CancellationToken stop)
    {
        using var browser = server.Client();
        await browser.Login();
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var kind = (client + round++) % 6;
            var response = kind switch
            {
                0 => await browser.Get("api/v1/auth/me"),
                1 => await browser.Get("readyz"),
                2 => await browser.Get("api/v1/settings"),
                3 => await browser.Get("api/v1/audit?limit=20"),
                4 => await browser.Send(HttpMethod.Put, "api/v1/settings", new { insights = new { bounce_rate_threshold = 5 + (round % 10) } }),
                _ => await browser.Get("openapi/v1.json"),
            };
            statuses.Add(response.StatusCode);
        }
    }
}
