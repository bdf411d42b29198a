using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Postmeter.LiveLatency;

/// <summary>
/// Asks the running server's Message Detective (real HTTP, an API token) for each probe's message by queue id until
/// it shows it completed (not in flight), and records the time from the write of its last line. It asks about one
/// probe every 200 ms at the most (as people searching would, not a load test), with two askers, so that a slow answer
/// does not hold up the probe behind it.
/// </summary>
internal sealed class ApiWatcher(Uri server, string token)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    private readonly BlockingCollection<Probe> _probes = [];
    private long _lastSampled;

    public List<Sample> Latencies { get; } = [];

    public ConcurrentQueue<string> Failures { get; } = new();

    public void Add(Probe probe)
    {
        if (_lastSampled == 0 || Stopwatch.GetElapsedTime(_lastSampled, probe.Timestamp) >= SampleEvery)
        {
            _lastSampled = probe.Timestamp;
            _probes.Add(probe);
        }
    }

    public void Complete() => _probes.CompleteAdding();

    public async Task Run()
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Ask(http))));
    }

    private async Task Ask(HttpClient http)
    {
        foreach (var probe in _probes.GetConsumingEnumerable())
        {
            while (true)
            {
                if (await Completed(http, probe))
                {
                    lock (Latencies)
                    {
                        Latencies.Add(new Sample(probe.Timestamp, Stopwatch.GetElapsedTime(probe.Timestamp)));
                    }

                    break;
                }

                if (Stopwatch.GetElapsedTime(probe.Timestamp) > GiveUpAfter)
                {
                    Failures.Enqueue($"the detective does not show {probe.Host}/{probe.QueueId} completed {GiveUpAfter.TotalSeconds:0} s after its last line");
                    break;
                }

                await Task.Delay(PollEvery);
            }
        }
    }

    private static async Task<bool> Completed(HttpClient http, Probe probe)
    {
        using var response = await http.GetAsync($"api/v1/detective/search?id={Uri.EscapeDataString(probe.QueueId)}");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("results").EnumerateArray().Any(r =>
            r.GetProperty("message") is { ValueKind: JsonValueKind.Object } m
            && m.GetProperty("queue_id").GetString() == probe.QueueId && !m.GetProperty("in_flight").GetBoolean());
    }
}
