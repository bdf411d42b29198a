using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Import;

/// <summary>
/// A log whose last line has no newline yet (Postfix or syslog mid-write) must never leave a committed position inside
/// that line: when the rest of it arrives, it is read as part of its line, not as a line of its own.
/// </summary>
public sealed class PartialLastLineTests : IDisposable
{
    private static readonly string[] Reading = ["--timezone", "UTC", "--log-starting-year", "2026"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_cut_inside_a_delivery_line_is_imported_up_to_that_line_and_the_line_is_read_whole_later()
    {
        var whole = File.ReadAllBytes(FixturePaths.Seed42);
        var logs = _temp.Directory("logs");
        var current = Path.Combine(logs, "maillog");
        var workspace = _temp.Path("ws");
        File.WriteAllBytes(current, whole[..CutInsideSentLine(whole)]);

        var first = Import(workspace, logs);
        File.WriteAllBytes(current, whole);
        var second = Import(workspace, logs);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(LineCount(whole), ImportLog.LinesImported(first.Error) + ImportLog.LinesImported(second.Error));
        AssertStoredAsStreaming(workspace, current);
    }

    [Fact]
    public void A_line_held_back_while_written_is_read_whole_from_the_copy_copytruncate_leaves()
    {
        var whole = File.ReadAllBytes(FixturePaths.Seed42);
        var cut = CutInsideSentLine(whole);
        var lineEnd = Array.IndexOf(whole, (byte)'\n', cut) + 1;
        var logs = _temp.Directory("logs");
        var current = Path.Combine(logs, "maillog");
        var workspace = _temp.Path("ws");
        File.WriteAllBytes(current, whole[..cut]);
        Assert.Equal(0, Import(workspace, logs).ExitCode);

        // logrotate copytruncate: the copy holds the line completed since; the truncated file fills again.
        File.WriteAllBytes(Path.Combine(logs, "maillog.1"), whole[..lineEnd]);
        File.WriteAllBytes(current, whole[lineEnd..]);
        var second = Import(workspace, logs);

        Assert.True(second.ExitCode == 0, second.Error);
        var streamed = _temp.Path("streamed.log");
        File.WriteAllBytes(streamed, whole);
        AssertStoredAsStreaming(workspace, streamed);
    }

    [Fact]
    public void The_last_line_of_a_standard_input_feed_is_whole_and_a_later_feed_of_the_same_log_does_not_read_its_rest_as_a_line()
    {
        var whole = File.ReadAllBytes(FixturePaths.Seed42);
        var workspace = _temp.Path("ws");

        var first = StdinImport(workspace, whole[..CutInsideSentLine(whole)]);
        var second = StdinImport(workspace, whole);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(LineCount(whole), ImportLog.LinesImported(first.Error) + ImportLog.LinesImported(second.Error));
    }

    [Fact]
    public void A_standard_input_feed_without_a_final_newline_imports_its_last_line_and_the_same_feed_again_adds_nothing()
    {
        var whole = File.ReadAllBytes(FixturePaths.Seed42);
        var unterminated = whole[..^1];
        var workspace = _temp.Path("ws");

        var first = StdinImport(workspace, unterminated);
        var again = StdinImport(workspace, unterminated);

        Assert.Equal(LineCount(whole), ImportLog.LinesImported(first.Error));
        Assert.Equal(0, ImportLog.LinesImported(again.Error));
        Assert.Equal(
            CliRunner.Run(["messages", .. Reading], whole).Output,
            CliRunner.Run(["messages", "--workspace", workspace]).Output);
    }

    /// <summary>The offset of the middle of the first line that says <c>status=sent</c>: inside its reply.</summary>
    private static int CutInsideSentLine(byte[] log)
    {
        var at = log.AsSpan().IndexOf("status=sent"u8);
        Assert.True(at > 0);
        return at + "status=se".Length;
    }

    private static long LineCount(byte[] log) => log.Count(b => b == '\n');


    private static CliResult Import(string workspace, string logs) =>
        CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly", .. Reading]);

    private static CliResult StdinImport(string workspace, byte[] feed) =>
        CliRunner.Run(["-workspace", workspace, "-stdin", "-importonly", .. Reading], feed);

    private static void AssertStoredAsStreaming(string workspace, string log)
    {
        foreach (var command in new[] { "messages", "report" })
        {
            var streamed = CliRunner.Run([command, log, .. Reading]);
            var stored = CliRunner.Run([command, "--workspace", workspace]);
            Assert.True(stored.ExitCode == 0, stored.Error);
            Assert.Equal(streamed.Output, stored.Output);
        }
    }
}
