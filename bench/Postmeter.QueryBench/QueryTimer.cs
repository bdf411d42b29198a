using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Postmeter.QueryBench;

/// <summary>
/// Times dashboard and detective requests against a running server (real HTTP on loopback, an API token), each
/// <c>iterations</c> times after two warm-ups, and prints p50 and p99 per request with the goal (p99 ≤ 100 ms).
/// </summary>
internal static class QueryTimer
{
    public static async Task<int> Run(Uri url, string token, string workspace, int iterations, string? only)
    {
        var samples = JsonSerializer.Deserialize<WorkspaceBuilder.Samples>(File.ReadAllText(Path.Combine(workspace, "bench-samples.json")))
            ?? throw new InvalidDataException("bench-samples.json is empty");
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var end = samples.End;
        string Range(int days) => $"from={end.AddDays(-days):yyyy-MM-ddTHH:mm:ssZ}&to={end:yyyy-MM-ddTHH:mm:ssZ}";
        var requests = new List<(string Name, Func<int, string> Path)>();
        foreach (var days in new[] { 1, 7, 90 })
        {
            var range = Range(days);
            var granularity = days > 7 ? "day" : "hour";
            requests.Add(($"status {days}d", _ => $"api/v1/dashboard/status?{range}&direction=all"));
            requests.Add(($"timeseries {days}d ({granularity})", _ => $"api/v1/dashboard/timeseries?{range}&granularity={granularity}&direction=all"));
            requests.Add(($"top recipient domains {days}d", _ => $"api/v1/dashboard/top?kind=recipient-domains&{range}&direction=all"));
            requests.Add(($"top provider groups {days}d", _ => $"api/v1/dashboard/top?kind=provider-groups&{range}&direction=all"));
            requests.Add(($"top senders {days}d", _ => $"api/v1/dashboard/top?kind=senders&{range}&direction=all"));
            requests.Add(($"top recipients {days}d", _ => $"api/v1/dashboard/top?kind=recipients&{range}&direction=all"));
            requests.Add(($"mailboxes sent {days}d ({granularity})", _ => $"api/v1/dashboard/mailboxes?kind=sent&{range}&granularity={granularity}"));
            requests.Add(($"reasons bounced {days}d", _ => $"api/v1/dashboard/reasons?status=bounced&{range}"));
        }

        string Pick(List<string> list, int i) => Uri.EscapeDataString(list[i % list.Count]);
        requests.Add(("detective exact recipient", i => $"api/v1/detective/search?recipient={Pick(samples.Recipients, i)}"));
        requests.Add(("detective @gmail.com, first page", _ => "api/v1/detective/search?recipient=%40gmail.com"));
        requests.Add(("detective @domain of the tail, first page", i => $"api/v1/detective/search?recipient=%40d{1000 + (i % 50)}.example"));
        requests.Add(("detective queue id", i => $"api/v1/detective/search?id={Pick(samples.QueueIds, i)}"));
        requests.Add(("detective Message-ID", i => $"api/v1/detective/search?id={Pick(samples.MessageIds, i)}"));
        requests.Add(("message by id + timeline", i => $"api/v1/messages/{FirstId(http, samples.QueueIds[i % samples.QueueIds.Count])}"));

        // "first": the first request after the server started, before any list over past days was kept (see SettledTopLists).
        Console.WriteLine($"{"request",-42} {"first ms",8} {"p50 ms",8} {"p99 ms",8}  goal p99 <= 100 ms");
        var failed = 0;
        foreach (var (name, path) in requests.Where(r => only is null || r.Name.Contains(only, StringComparison.Ordinal)))
        {
            var times = new List<double>();
            var first = 0.0;
            for (var i = -2; i < iterations; i++)
            {
                var target = path(Math.Max(i, 0));
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(target);
                await response.Content.ReadAsByteArrayAsync();
                var ms = clock.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"{name}: {(int)response.StatusCode} for {target}");
                    failed++;
                    break;
                }

                if (i >= 0)
                {
                    times.Add(ms);
                }
                else if (i == -2)
                {
                    first = ms;
                }
            }

            Print(name, first, times);
        }

        // CSV: the time until 10 000 rows of a large result have arrived.
        if (only is not null && !"detective CSV".Contains(only, StringComparison.Ordinal))
        {
            return failed == 0 ? 0 : 1;
        }

        var csvTimes = new List<double>();
        var csvFirst = 0.0;
        for (var i = -1; i < Math.Min(iterations, 10); i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"api/v1/detective/search?recipient=%40gmail.com&format=csv", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var rows = 0;
            while (rows <= 10_000 && await reader.ReadLineAsync() is not null)
            {
                rows++;
            }

            if (i >= 0)
            {
                csvTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            else
            {
                csvFirst = clock.Elapsed.TotalMilliseconds;
            }
        }

        Print("detective CSV, 10 000 rows", csvFirst, csvTimes);
        return failed == 0 ? 0 : 1;
    }

    private static string FirstId(HttpClient http, string queueId)
    {
        using var response = http.GetAsync($"api/v1/detective/search?id={queueId}").GetAwaiter().GetResult();
        using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.GetProperty("results")[0].GetProperty("message").GetProperty("id").GetString()!;
    }

    private static void Print(string name, double first, List<double> times)
    {
        if (times.Count == 0)
        {
            return;
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var p99 = At(0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {first,8:F1} {At(0.5),8:F1} {p99,8:F1}  {(p99 <= 100 ? "met" : "MISSED")}"));
    }
}
