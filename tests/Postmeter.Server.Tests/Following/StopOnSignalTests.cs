using System.Globalization;
using Postmeter.Server.Tests.Cli;
using Postmeter.Server.Tests.Import;

namespace Postmeter.Server.Tests.Following;

/// <summary>
/// SIGTERM stops every kind of run at the next line it reads: what was read is committed, the exit is 0, and the next
/// run reads on from there, ending with what one uninterrupted import stores.
/// </summary>
public sealed class StopOnSignalTests : IDisposable
{
    /// <summary>Long enough that reading it all takes seconds, so the signal comes while it is being read.</summary>
    private const int BacklogLines = 600_000;

    private static readonly string[] Reading = ["--timezone", "UTC", "--log-starting-year", "2026"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SIGTERM_while_reading_a_backlog_commits_what_was_read_and_exits_0_and_the_next_import_reads_the_rest(bool importOnly)
    {
        var logs = Backlog();
        var workspace = _temp.Path("ws");
        string[] args = ["-workspace", workspace, "-watch_dir", logs, .. Reading, .. importOnly ? ["-importonly"] : Array.Empty<string>()];
        using var run = LiveFollower.StartWith(args);
        if (importOnly)
        {
            // The first progress line comes after the first few thousand lines of 600 000: the signal follows it at
            // once, so it lands mid-read however fast the machine reads (a fixed pause once outlasted the whole read).
            run.WaitFor("INFO importing: ");
        }
        else
        {
            // Following reads the backlog with a commit point after every read, several seconds for 600 000 lines.
            run.WaitFor("new content, reading it from the start");
            Thread.Sleep(500);
        }

        var exit = run.Stop();
        var rest = CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly", .. Reading]);

        Assert.True(exit == 0, run.Log);
        Assert.Contains("SIGTERM received", run.Log, StringComparison.Ordinal);
        var first = ImportLog.LinesImported(run.Log);
        Assert.InRange(first, 1, BacklogLines - 1);
        Assert.Equal(BacklogLines, first + ImportLog.LinesImported(rest.Error));
        var whole = _temp.Path("whole");
        Assert.Equal(0, CliRunner.Run(["-workspace", whole, "-watch_dir", logs, "-importonly", .. Reading]).ExitCode);
        Assert.Equal(
            CliRunner.Run(["report", "--workspace", whole, "--format", "json"]).Output,
            CliRunner.Run(["report", "--workspace", workspace, "--format", "json"]).Output);
    }

    [Fact]
    public void SIGTERM_while_a_standard_input_feed_is_quiet_ends_the_run_with_exit_0()
    {
        using var run = LiveFollower.StartWith(["-workspace", _temp.Path("ws"), "-stdin"], quietStandardInput: true);
        run.WaitFor("reading standard input as it comes");

        Assert.Equal(0, run.Stop());
        Assert.Contains("Importing has finished", run.Log, StringComparison.Ordinal);
    }

    private string Backlog()
    {
        var logs = _temp.Directory("logs");
        LiveChecks.Run("python3", Path.Combine(FixturePaths.Root, "bench", "make-large-log.py"), "--source", FixturePaths.Seed42,
            "--lines", BacklogLines.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(logs, "maillog"));
        return logs;
    }

}
