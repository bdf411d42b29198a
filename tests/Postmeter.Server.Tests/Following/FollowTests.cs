using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Following;

/// <summary>
/// A real writer appends real-shaped Postfix lines to <c>mail.log</c> at about 1 600 lines/s while Debian's
/// <c>logrotate</c> rotates it several times and a real <c>postmeter</c> follows the directory; afterwards the
/// workspace must hold exactly what streaming every line written once gives — 0 lost, 0 twice — and the same as an
/// offline import of the files as they ended up.
/// </summary>
public sealed class FollowTests : IDisposable
{
    private const int Lines = 10_000;
    private const int Burst = 100;
    private const int BurstsPerRotation = 25;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("create")]
    [InlineData("copytruncate")]
    public void Following_through_logrotate_stores_every_line_exactly_once(string mode)
    {
        var (logs, source) = Prepare();
        var workspace = _temp.Path("ws");
        using var follower = LiveFollower.Start(workspace, logs);

        var rotations = Write(source, logs, mode, from: 0, to: Lines);

        LiveChecks.WaitUntilStored(workspace, Lines, follower);
        Assert.Equal(0, follower.Stop());
        Assert.True(rotations >= 3, $"only {rotations} rotations");
        Assert.True(Directory.GetFiles(logs, "mail.log.*.gz").Length >= 2, "logrotate compressed no archive: " + string.Join(", ", Directory.GetFiles(logs)));
        AssertStoredExactlyOnce(workspace, logs, source);
        Assert.Contains("new content, reading it from the start", follower.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Killed_while_following_and_started_again_it_loses_and_repeats_nothing()
    {
        var (logs, source) = Prepare();
        var workspace = _temp.Path("ws");
        using (var first = LiveFollower.Start(workspace, logs))
        {
            Write(source, logs, "create", from: 0, to: Lines / 2);
            first.Kill();
        }

        // Lines written while it was down, then some more after it came back.
        Write(source, logs, "create", from: Lines / 2, to: (Lines * 3) / 4);
        using var second = LiveFollower.Start(workspace, logs);
        Write(source, logs, "create", from: (Lines * 3) / 4, to: Lines);

        LiveChecks.WaitUntilStored(workspace, Lines, second);
        Assert.Equal(0, second.Stop());
        AssertStoredExactlyOnce(workspace, logs, source);
    }

    [Fact]
    public void Following_a_copy_kept_up_to_date_by_rsync_stores_every_line_exactly_once()
    {
        var (logs, source) = Prepare();
        var copy = _temp.Directory("copy");
        void Sync() => LiveChecks.Run("rsync", "-a", logs + "/", copy + "/");
        Sync();
        var workspace = _temp.Path("ws");
        using var follower = LiveFollower.Start(workspace, copy, "-logs_use_rsync");

        Write(source, logs, "create", from: 0, to: Lines, afterBurst: Sync);

        LiveChecks.WaitUntilStored(workspace, Lines, follower);
        Assert.Equal(0, follower.Stop());
        AssertStoredExactlyOnce(workspace, copy, source);
        Assert.Contains("-logs_use_rsync", follower.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// logrotate's copytruncate, slowed down: the copy is listed while it holds fewer bytes than the prefix that
    /// identifies content. It is the start of what was read already, not new content.
    /// </summary>
    [Fact]
    public void A_copy_caught_while_it_is_being_written_is_not_read_again()
    {
        var (logs, source) = Prepare();
        var lines = File.ReadLines(source).Take(3_000).ToArray();
        var log = Path.Combine(logs, "mail.log");
        var copy = Path.Combine(logs, "mail.log.1");
        File.WriteAllLines(log, lines[..1_000]);
        var workspace = _temp.Path("ws");
        using var follower = LiveFollower.Start(workspace, logs);
        LiveChecks.WaitUntilStored(workspace, 1_000, follower);

        var original = File.ReadAllBytes(log);
        File.WriteAllBytes(copy, original[..2_000]);
        follower.WaitFor("mail.log.1:");
        File.WriteAllBytes(copy, original);
        File.WriteAllBytes(log, []);
        File.AppendAllLines(log, lines[1_000..]);

        LiveChecks.WaitUntilStored(workspace, lines.Length, follower);
        Assert.Equal(0, follower.Stop());
        var written = _temp.Path("written.log");
        File.WriteAllLines(written, lines);
        Assert.Equal(CliRunner.Run(["messages", written]).Output, CliRunner.Run(["messages", "--workspace", workspace]).Output);
        Assert.DoesNotContain("mail.log.1: new content", follower.Log, StringComparison.Ordinal);
    }

    private (string Logs, string Source) Prepare()
    {
        var logs = _temp.Directory("logs");
        var source = _temp.Path("source.log");
        LiveChecks.Run("python3", Path.Combine(FixturePaths.Root, "bench", "make-large-log.py"), "--source", FixturePaths.Seed42, "--lines", Lines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", source);
        File.WriteAllText(Path.Combine(logs, "mail.log"), string.Empty);
        return (logs, source);
    }

    /// <summary>Appends lines [from, to) of the source in bursts, rotating with logrotate every few bursts; returns the rotations.</summary>
    private int Write(string source, string logs, string mode, int from, int to, Action? afterBurst = null)
    {
        var lines = File.ReadLines(source).Skip(from).Take(to - from).ToList();
        var rotations = 0;
        for (var i = 0; i < lines.Count; i += Burst)
        {
            // Opened by name for every burst, as a syslog daemon reopens its file after logrotate's HUP.
            File.AppendAllLines(Path.Combine(logs, "mail.log"), lines.Skip(i).Take(Burst));
            if ((i / Burst) % BurstsPerRotation == BurstsPerRotation - 1)
            {
                Rotate(logs, mode);
                rotations++;
            }

            afterBurst?.Invoke();
            Thread.Sleep(60);
        }

        return rotations;
    }

    private void Rotate(string logs, string mode)
    {
        var config = _temp.Path("logrotate.conf");
        File.WriteAllText(config, $$"""
            {{Path.Combine(logs, "mail.log")}} {
                rotate 20
                {{mode}}
                compress
                delaycompress
                missingok
                nomail
            }

            """);
        LiveChecks.Run(File.Exists("/usr/sbin/logrotate") ? "/usr/sbin/logrotate" : "logrotate", "-f", "-s", _temp.Path("logrotate.state"), config);
    }

    private void AssertStoredExactlyOnce(string workspace, string logs, string source)
    {
        var offline = _temp.Path("offline");
        Assert.Equal(0, CliRunner.Run(["-workspace", offline, "-watch_dir", logs, "-importonly"]).ExitCode);
        var truth = CliRunner.Run(["messages", source]).Output;
        var followed = CliRunner.Run(["messages", "--workspace", workspace]).Output;
        Assert.NotEmpty(truth);
        Assert.Equal(truth, followed);
        Assert.Equal(truth, CliRunner.Run(["messages", "--workspace", offline]).Output);
        Assert.Equal(CliRunner.Run(["report", source, "--format", "json"]).Output, CliRunner.Run(["report", "--workspace", workspace, "--format", "json"]).Output);
    }
}
