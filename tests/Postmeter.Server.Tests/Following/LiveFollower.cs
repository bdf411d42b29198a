using System.Diagnostics;
using System.Text;

namespace Postmeter.Server.Tests.Following;

/// <summary>A real <c>postmeter</c> following a directory in the background, stopped with SIGTERM or SIGKILL.</summary>
internal sealed class LiveFollower : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "postmeter.dll");

    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private LiveFollower(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>What it logged so far.</summary>
    public string Log
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static LiveFollower Start(string workspace, string watchDir, params string[] more) =>
        StartWith(["-workspace", workspace, "-watch_dir", watchDir, .. more]);

    /// <summary>Starts <c>postmeter</c> with these arguments (and INFO logging), to run until stopped.</summary>
    /// <param name="arguments">Its command line.</param>
    /// <param name="quietStandardInput">Standard input is a pipe kept open that nothing is written to (a quiet feed).</param>
    public static LiveFollower StartWith(string[] arguments, bool quietStandardInput = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = quietStandardInput,
            UseShellExecute = false,
        };
        string[] args = [Dll, "-log_level", "INFO", .. arguments];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("POSTMETER_", StringComparison.Ordinal) || k.StartsWith("LIGHTMETER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        // It serves the web application too: on a free loopback port, so tests never meet on :8080.
        start.Environment["POSTMETER_LISTEN"] = "127.0.0.1:0";

        return new LiveFollower(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Waits until it logged <paramref name="text"/> (it is listening, say).</summary>
    public void WaitFor(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"postmeter did not log '{text}':\n{Log}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>SIGTERM, then waits for the clean stop; returns the exit code.</summary>
    public int Stop()
    {
        Signal("TERM");
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("postmeter did not stop within 60 s of SIGTERM:\n" + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to commit anything.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
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

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
