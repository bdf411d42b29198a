using System.Diagnostics;

namespace Postmeter.Server.Tests.Import;

/// <summary>Runs the built <c>postmeter</c> as a real process (for environment variables, signals and kills).</summary>
internal static class PostmeterProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "postmeter.dll");

    /// <summary>postmeter with an import observer that kills the process at a chosen stage (tests/Postmeter.KillHost).</summary>
    private static readonly string KillHostDll = Path.Combine(AppContext.BaseDirectory, "postmeter-killhost.dll");

    /// <summary>Runs the kill host, which SIGKILLs itself when the import reaches <paramref name="stage"/> (<c>stage:N</c>).</summary>
    public static ProcessResult RunKillHost(IEnumerable<string> args, string stage) =>
        Run(args, new Dictionary<string, string> { ["POSTMETER_TEST_KILL"] = stage }, dll: KillHostDll);

    public static ProcessResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? stdinFile = null, string? dll = null)
    {
        var start = StartInfo(args, environment, dll);
        start.RedirectStandardInput = stdinFile is not null;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdinFile is not null)
        {
            using (var input = File.OpenRead(stdinFile))
            {
                try
                {
                    input.CopyTo(process.StandardInput.BaseStream);
                }
                catch (IOException)
                {
                    // The process was killed while reading: what it read is what the test is about.
                }
            }

            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postmeter {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Runs postmeter from bash with <paramref name="args"/> (quoted for it) and the shell's
    /// <paramref name="redirections"/> (<c>&lt; /tmp</c>, <c>&lt;&amp;-</c>), as <paramref name="user"/> when given
    /// (through setpriv, for permission errors that root never sees). Gives up after 30 seconds.
    /// </summary>
    public static ProcessResult RunInShell(IEnumerable<string> args, string redirections = "", string? user = null)
    {
        var quoted = string.Join(' ', args.Prepend(Dll).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var runAs = user is null ? string.Empty : $"setpriv --reuid={user} --regid={user} --clear-groups ";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {runAs}dotnet {quoted} {redirections}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postmeter {string.Join(' ', args)} {redirections} did not finish in 30 seconds");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Starts postmeter and SIGKILLs it after <paramref name="after"/> unless it has ended by then; the result is
    /// <see cref="ProcessResult.WasKilled"/> when it was still running.
    /// </summary>
    public static ProcessResult RunAndKill(IEnumerable<string> args, TimeSpan after, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, environment)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(after))
        {
            process.Kill();
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The real postmeter with <paramref name="args"/>, and of the POSTMETER_/LIGHTMETER_ variables only <paramref name="environment"/>.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? dll = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll ?? Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("POSTMETER_", StringComparison.Ordinal) || k.StartsWith("LIGHTMETER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        // Runs that serve listen on a free loopback port, so tests never meet on :8080.
        start.Environment["POSTMETER_LISTEN"] = "127.0.0.1:0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>128 + SIGKILL, as a shell reports a process killed by signal 9.</summary>
    public bool WasKilled => ExitCode is 137 or -9;

    public override string ToString() => $"exit {ExitCode}\n{Error}";
}
