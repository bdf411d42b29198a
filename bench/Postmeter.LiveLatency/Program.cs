using System.Globalization;
using Postmeter.LiveLatency;

LatencyOptions options;
try
{
    options = LatencyOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"Postmeter.LiveLatency: {e.Message}\n{LatencyOptions.Usage}");
    return 2;
}

var scratch = Directory.CreateTempSubdirectory("postmeter-latency-");
try
{
    var logs = Directory.CreateDirectory(Path.Combine(scratch.FullName, "logs")).FullName;
    var mailLog = Path.Combine(logs, "mail.log");
    File.WriteAllText(mailLog, string.Empty);
    var workspace = Path.Combine(scratch.FullName, "workspace");

    var token = PostmeterDaemon.CreateToken(options.Postmeter, workspace);
    using var daemon = PostmeterDaemon.Start(options.Postmeter, workspace, logs);
    daemon.WaitFor("for new lines");
    var api = new ApiWatcher(daemon.ServedAt(), token);
    var writer = new PacedWriter(options.Source, mailLog, options.LinesPerSecond, options.WritesPerSecond);
    var watcher = new VisibilityWatcher(workspace, writer, api);
    var cpuBefore = daemon.CpuTime;
    var started = System.Diagnostics.Stopwatch.StartNew();
    var writing = Task.Run(() => writer.Run(options.Duration, CancellationToken.None));
    var watching = Task.Run(() => watcher.Run(writing, TimeSpan.FromSeconds(30)));
    var asking = Task.Run(api.Run);
    await Task.WhenAll(writing, watching, asking);
    var elapsed = started.Elapsed;
    var cpu = daemon.CpuTime - cpuBefore;
    var peak = daemon.PeakRssMiB;
    var exit = daemon.Stop();

    if (Environment.GetEnvironmentVariable("LATENCY_TRACE") is { Length: > 0 } trace)
    {
        File.WriteAllLines(trace, watcher.LineLatencies.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{System.Diagnostics.Stopwatch.GetElapsedTime(writer.StartedAt, l.WrittenAt).TotalSeconds:0.000} {l.Latency.TotalMilliseconds:0}")));
        File.WriteAllText(trace + ".log", daemon.Log);
    }

    // The first seconds after start include compiling the code paths (tiered compilation is off): reported apart.
    var warmUp = TimeSpan.FromSeconds(3);
    Distribution Steady(List<Sample> samples) =>
        new(samples.Where(s => System.Diagnostics.Stopwatch.GetElapsedTime(writer.StartedAt, s.WrittenAt) >= warmUp).Select(s => s.Latency));
    var lines = Steady(watcher.LineLatencies);
    var probes = Steady(watcher.ProbeLineLatencies);
    var messages = Steady(watcher.MessageLatencies);
    var detective = Steady(api.Latencies);
    var firstWrite = watcher.LineLatencies.Count > 0 ? watcher.LineLatencies[0].Latency : TimeSpan.Zero;
    string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"appended {writer.LinesWritten:N0} lines at {options.LinesPerSecond:N0} lines/s in {options.WritesPerSecond} writes/s for {options.Duration.TotalSeconds:0} s; {watcher.Polls:N0} reads of the workspace"));
    Console.WriteLine($"first write after start visible in {Ms(firstWrite)} ms; from {warmUp.TotalSeconds:0} s on:");
    Console.WriteLine("what                         samples     p50 ms     p90 ms     p99 ms     max ms");
    foreach (var (name, d) in new[] { ("write counted in the store", lines), ("message's last line", probes), ("message found completed", messages), ("completed via the detective", detective) })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {d.Count,9} {Ms(d.Percentile(50)),10} {Ms(d.Percentile(90)),10} {Ms(d.Percentile(99)),10} {Ms(d.Max),10}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"postmeter: {cpu.TotalSeconds:0.00} s CPU over {elapsed.TotalSeconds:0.0} s ({100 * cpu.TotalSeconds / elapsed.TotalSeconds:0.0}% of one core), peak RSS {peak:0.0} MiB, exit {exit}"));
    var goal = probes.Count > 0 && probes.Percentile(99) <= TimeSpan.FromSeconds(1);
    Console.WriteLine($"goal (message visible p99 <= 1 s): {(goal ? "met" : "MISSED")}");
    var detectiveGoal = detective.Count > 0 && detective.Percentile(99) <= TimeSpan.FromSeconds(1);
    Console.WriteLine($"goal (message completed through the detective API p99 <= 1 s): {(detectiveGoal ? "met" : "MISSED")}");
    foreach (var failure in watcher.Failures.Concat(api.Failures).Take(10))
    {
        Console.WriteLine("FAILED: " + failure);
    }

    return watcher.Failures.IsEmpty && api.Failures.IsEmpty && exit == 0 && probes.Count > 0 ? 0 : 1;
}
finally
{
    scratch.Delete(recursive: true);
}
