using System.Diagnostics;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Tests.Following;

/// <summary>What the live tests share: waiting for a running postmeter's commits, and running real tools.</summary>
internal static class LiveChecks
{
    /// <summary>Waits until the workspace has counted every line, without stopping postmeter: commits come while it is idle.</summary>
    public static void WaitUntilStored(string workspace, long lines, LiveFollower follower)
    {
        var clock = Stopwatch.StartNew();
        long seen = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var store = SqliteWorkspaceStore.Open(workspace, WorkspaceAccess.ReadOnly);
                seen = store.ReadLineStatistics(TimeRange.All).Lines;
                if (seen == lines)
                {
                    return;
                }
            }
            catch (WorkspaceException)
            {
                // Not created yet.
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"after 30 s the workspace has counted {seen} of {lines} lines:\n{follower.Log}");
    }

    /// <summary>Runs a real program to its end; fails the test with its error output if it fails.</summary>
    public static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
    }
}
