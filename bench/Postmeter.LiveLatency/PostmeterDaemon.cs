using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Postmeter.LiveLatency;

/// <summary>A real postmeter following a directory, with its log, CPU time and peak memory.</summary>
internal sealed class PostmeterDaemon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PostmeterDaemon(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The peak resident set size so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    public static PostmeterDaemon Start(string executable, string workspace, string watchDir)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-workspace", workspace, "-watch_dir", watchDir, "-listen", "127.0.0.1:0", "-log_level", Environment.GetEnvironmentVariable("LATENCY_LOG_LEVEL") ?? "INFO" })
        {
            start.ArgumentList.Add(arg);
        }

        return new PostmeterDaemon(Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start"));
    }

    public void WaitFor(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"postmeter did not log '{text}':\n{Log}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>The address the server logged it serves at.</summary>
    public Uri ServedAt()
    {
        WaitFor("serving the web application and API at ");
        var match = System.Text.RegularExpressions.Regex.Match(Log, @"serving the web application and API at (http://127\.0\.0\.1:\d+)");
        return new Uri(match.Groups[1].Value + "/");
    }

    /// <summary>Creates an API token in the workspace with the same executable (before the server starts).</summary>
    public static string CreateToken(string executable, string workspace)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "tokens", "create", "--name", "latency", "--workspace", workspace })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var token = process.StandardOutput.ReadLine() ?? string.Empty;
        process.WaitForExit();
        return process.ExitCode == 0 && token.StartsWith("pm_", StringComparison.Ordinal)
            ? token
            : throw new InvalidOperationException($"postmeter tokens create failed: {process.StandardError.ReadToEnd()}");
    }

    /// <summary>SIGTERM, then waits for the clean stop; returns the exit code.</summary>
    public int Stop()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("postmeter did not stop within 60 s of SIGTERM:\n" + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
