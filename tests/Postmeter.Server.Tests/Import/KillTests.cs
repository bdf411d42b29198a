namespace Postmeter.Server.Tests.Import;

/// <summary>
/// SIGKILL the importer at many moments (between commits, inside a transaction, between files, mid-file), start it
/// again, and the workspace must hold exactly what an uninterrupted import stores: nothing lost, nothing twice.
/// </summary>
public sealed class KillTests : IClassFixture<KillTests.Logs>
{
    private static readonly string[] Reading = ["--timezone", "UTC", "--log-starting-year", "2026"];

    /// <summary>Small commits, so the log spans many of them.</summary>
    private static readonly string[] SmallCommits = ["--commit-records", "1500"];

    private readonly Logs _logs;

    public KillTests(Logs logs) => _logs = logs;

    public static TheoryData<string> KillPoints() =>
    [
        "line:5000",
        "line:23456",
        "source:2",
        "source:3",
        "before-commit:1",
        "before-commit:3",
        "during-commit:1",
        "during-commit:2",
        "during-commit:4",
        "after-commit:1",
        "after-commit:3",
    ];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public void Killed_then_restarted_ends_with_the_data_of_an_uninterrupted_import(string killPoint)
    {
        using var temp = new TempFolder();
        var workspace = temp.Path("ws");

        var killed = PostmeterProcess.RunKillHost(ImportArgs(workspace), killPoint);
        Assert.True(killed.WasKilled, $"{killPoint} did not kill the import: {killed}");
        var restarted = PostmeterProcess.Run(ImportArgs(workspace));
        Assert.True(restarted.ExitCode == 0, restarted.ToString());

        Assert.Equal(_logs.ExpectedMessages, Stored(workspace));
        Assert.Equal(_logs.ExpectedReport, Report(workspace));
    }

    /// <summary>
    /// SIGKILL from outside at random moments. The moments are drawn over the time an uninterrupted import took on this
    /// machine in the same run, so they fall inside imports on a fast machine and a slow one alike; a run that ends
    /// before its kill must have stored everything, and the next one begins again from an empty workspace.
    /// </summary>
    [Fact]
    public void Killed_again_and_again_at_random_moments_still_ends_with_the_same_data()
    {
        using var temp = new TempFolder();
        var random = new Random(2026);
        var round = 0;
        var kills = 0;
        var window = _logs.ImportTime;
        for (var attempt = 0; kills < 6 && attempt < 40; attempt++)
        {
            var at = window * (0.2 + (0.8 * random.NextDouble()));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = PostmeterProcess.RunAndKill(ImportArgs(temp.Path($"ws{round}")), at);
            if (run.WasKilled)
            {
                kills++;
                continue;
            }

            // The machine got faster than when the window was measured (less busy): draw within this run's time from now on.
            window = clock.Elapsed < window ? clock.Elapsed : window;

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(_logs.ExpectedMessages, Stored(temp.Path($"ws{round}")));
            round++;
        }

        var workspace = temp.Path($"ws{round}");
        var last = PostmeterProcess.Run(ImportArgs(workspace));

        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.True(kills == 6, $"only {kills} runs of 40 were still importing when killed (an uninterrupted import takes {_logs.ImportTime.TotalMilliseconds:0} ms)");
        Assert.Equal(_logs.ExpectedMessages, Stored(workspace));
        Assert.Equal(_logs.ExpectedReport, Report(workspace));
    }

    private string[] ImportArgs(string workspace) => ["-workspace", workspace, "-watch_dir", _logs.Directory, "-importonly", .. Reading, .. SmallCommits];

    private static string Stored(string workspace) => Read(["messages", "--workspace", workspace]);

    private static string Report(string workspace) => Read(["report", "--workspace", workspace, "--format", "json"]);

    private static string Read(string[] args)
    {
        var result = PostmeterProcess.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>A 36k-line real-shaped log as mail.log.2.gz, mail.log.1 and mail.log, and what an uninterrupted import stores.</summary>
    public sealed class Logs : IDisposable
    {
        private readonly TempFolder _temp = new();

        public Logs()
        {
            Directory = _temp.Directory("logs");
            RotatedLogs.Split(RotatedLogs.Generated(_temp, 36_000), Directory, "mail.log.2.gz", "mail.log.1", "mail.log");
            var workspace = _temp.Path("uninterrupted");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var import = PostmeterProcess.Run(["-workspace", workspace, "-watch_dir", Directory, "-importonly", .. Reading, .. SmallCommits]);
            if (import.ExitCode != 0)
            {
                throw new InvalidOperationException(import.ToString());
            }

            ImportTime = clock.Elapsed;
            ExpectedMessages = Stored(workspace);
            ExpectedReport = Report(workspace);
            var streamed = PostmeterProcess.Run(["messages", Directory, .. Reading]);
            if (streamed.Output != ExpectedMessages || ExpectedMessages.Length < 100_000)
            {
                throw new InvalidOperationException("the uninterrupted import does not store what streaming prints");
            }
        }

        public string Directory { get; }

        /// <summary>How long the uninterrupted import took, start of the process to its end.</summary>
        public TimeSpan ImportTime { get; }

        public string ExpectedMessages { get; }

        public string ExpectedReport { get; }

        public void Dispose() => _temp.Dispose();
    }
}
