using System.Globalization;
using System.Text.RegularExpressions;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Import;

/// <summary><c>postmeter -workspace -watch_dir -importonly</c>, then <c>messages</c>/<c>report --workspace</c>, in-process.</summary>
public sealed class WorkspaceImportTests : IDisposable
{
    private static readonly string[] Reading = ["--timezone", "UTC", "--log-starting-year", "2026"];

    private readonly TempFolder _temp = new();

    public static TheoryData<string> Logs() =>
    [
        FixturePaths.Seed42,
        FixturePaths.LongQueueIds,
        FixturePaths.Filter,
        FixturePaths.Seed11,
    ];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Logs))]
    public void Reading_the_workspace_prints_exactly_what_streaming_the_log_prints(string log)
    {
        var logs = LogDirectoryWith(log);
        var workspace = _temp.Path("ws");

        var import = Import(workspace, logs);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("Importing has finished", import.Error, StringComparison.Ordinal);
        AssertSameAsStreaming(workspace, logs);
    }

    [Fact]
    public void Importing_the_same_files_again_adds_nothing()
    {
        var logs = LogDirectoryWith(FixturePaths.Seed42);
        var workspace = _temp.Path("ws");
        Assert.Equal(0, Import(workspace, logs).ExitCode);
        var first = Stored(workspace);

        var again = Import(workspace, logs);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already imported", again.Error, StringComparison.Ordinal);
        Assert.Contains("imported 0 lines", again.Error, StringComparison.Ordinal);
        Assert.Equal(first, Stored(workspace));
    }

    [Fact]
    public void A_file_that_grew_is_read_on_from_where_the_last_import_stopped()
    {
        var lines = File.ReadAllLines(FixturePaths.Seed42);
        var logs = _temp.Directory("logs");
        var current = Path.Combine(logs, "maillog");
        var workspace = _temp.Path("ws");
        foreach (var cut in new[] { lines.Length / 3, lines.Length * 2 / 3, lines.Length })
        {
            RotatedLogs.Write(current, lines.Take(cut));
            Assert.Equal(0, Import(workspace, logs).ExitCode);
        }

        AssertSameAsStreaming(workspace, logs);
    }

    [Fact]
    public void Rotated_gzip_and_bzip2_archives_are_read_oldest_first_and_recognised_after_rotation()
    {
        var whole = FixturePaths.LongQueueIds;
        var lines = File.ReadAllLines(whole);
        var quarter = lines.Length / 4;
        var logs = _temp.Directory("logs");
        var workspace = _temp.Path("ws");

        // First import: two archives and the current file.
        RotatedLogs.Write(Path.Combine(logs, "mail.log.2.gz"), lines.Take(quarter));
        RotatedLogs.Write(Path.Combine(logs, "mail.log.1.bz2"), lines.Skip(quarter).Take(quarter));
        RotatedLogs.Write(Path.Combine(logs, "mail.log"), lines.Skip(2 * quarter).Take(quarter));
        Assert.Equal(0, Import(workspace, logs).ExitCode);

        // logrotate runs: every file moves down one, the old current one compressed; a new current file.
        File.Move(Path.Combine(logs, "mail.log.2.gz"), Path.Combine(logs, "mail.log.3.gz"));
        File.Move(Path.Combine(logs, "mail.log.1.bz2"), Path.Combine(logs, "mail.log.2.bz2"));
        RotatedLogs.Write(Path.Combine(logs, "mail.log.1.gz"), lines.Skip(2 * quarter).Take(quarter));
        File.Delete(Path.Combine(logs, "mail.log"));
        RotatedLogs.Write(Path.Combine(logs, "mail.log"), lines.Skip(3 * quarter));

        var second = Import(workspace, logs);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(3, CountOccurrences(second.Error, ": already imported"));
        var streamedWhole = CliRunner.Run(["messages", whole, .. Reading]);
        Assert.Equal(streamedWhole.Output, CliRunner.Run(["messages", "--workspace", workspace]).Output);
    }

    [Fact]
    public void Archives_without_a_current_file_get_lightmeters_missing_file_error()
    {
        var logs = _temp.Directory("logs");
        RotatedLogs.Write(Path.Combine(logs, "mail.log.1.gz"), File.ReadLines(FixturePaths.Seed42).Take(10));

        var result = Import(_temp.Path("ws"), logs);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Missing file: mail.log. Instead found: mail.log.1.gz", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_imported_with_stdin_and_importonly()
    {
        var workspace = _temp.Path("ws");

        var result = CliRunner.Run(["-workspace", workspace, "-stdin", "-importonly", .. Reading], File.ReadAllBytes(FixturePaths.Seed42));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            CliRunner.Run(["messages", .. Reading], File.ReadAllBytes(FixturePaths.Seed42)).Output,
            CliRunner.Run(["messages", "--workspace", workspace]).Output);
    }

    [Fact]
    public void From_and_to_split_the_stored_messages_without_losing_or_repeating_one()
    {
        var workspace = _temp.Path("ws");
        Assert.Equal(0, Import(workspace, LogDirectoryWith(FixturePaths.Seed42)).ExitCode);
        var all = CliRunner.Run(["messages", "--workspace", workspace]).Lines;
        const string Split = "2026-11-21T22:31:00Z";

        var before = CliRunner.Run(["messages", "--workspace", workspace, "--to", Split]).Lines;
        var after = CliRunner.Run(["messages", "--workspace", workspace, "--from", Split]).Lines;

        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        Assert.Equal(all.Order(StringComparer.Ordinal), before.Concat(after).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Standard_input_without_importonly_is_read_as_a_live_feed_until_it_ends_and_stored_as_streaming_reads_it()
    {
        var workspace = _temp.Path("ws");

        var live = CliRunner.Run(["-workspace", workspace, "-stdin"], File.ReadAllBytes(FixturePaths.Seed42));
        var stored = CliRunner.Run(["messages", "--workspace", workspace]);
        var streamed = CliRunner.Run(["messages", FixturePaths.Seed42]);

        Assert.Equal(0, live.ExitCode);
        Assert.Contains("reading standard input as it comes", live.Error, StringComparison.Ordinal);
        Assert.Equal(streamed.Output, stored.Output);
    }

    [Theory]
    [InlineData(new[] { "-importonly" }, "no log source")]
    [InlineData(new[] { "-watch_dir", "/nonexistent/postfix-logs", "-importonly" }, "no such directory: /nonexistent/postfix-logs")]
    [InlineData(new[] { "-stdin", "-watch_dir", "/var/log" }, "choose one")]
    [InlineData(new[] { "-stdin", "-importonly", "-data_retention_duration", "soon" }, "soon")]
    [InlineData(new[] { "-stdin", "-importonly", "-log_level", "LOUD" }, "DEBUG, INFO, WARN or ERROR")]
    [InlineData(new[] { "-stdin", "-importonly", "--commit-records", "0" }, "--commit-records: 0 is not a positive number")]
    public void Bad_import_flags_are_clear_errors(string[] args, string expected)
    {
        var result = CliRunner.Run(["-workspace", _temp.Path("ws"), .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_the_command_line_is_named_at_once_a_line_each()
    {
        var result = CliRunner.Run(
            ["-workspace", _temp.Path("ws"), "-watch_dir", "/nonexistent/postfix-logs", "-importonly", "-log_level", "LOUD", "--data-retention", "soon", "--timezone", "Mars/Olympus"]);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("postmeter: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("DEBUG, INFO, WARN or ERROR", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("soon", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("no such directory: /nonexistent/postfix-logs", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_temp.Path("ws")), "nothing is created before the command line is right");
    }

    [Fact]
    public void Commit_records_makes_commits_smaller_and_stores_the_same()
    {
        var logs = _temp.Directory("logs");
        RotatedLogs.Split(RotatedLogs.Generated(_temp, 20_000), logs, "mail.log");

        var usual = ImportCounting(_temp.Path("usual"), logs);
        var small = ImportCounting(_temp.Path("small"), logs, "--commit-records", "200");

        Assert.True(small.Commits >= 4 && small.Commits > usual.Commits, $"{small.Commits} commits with --commit-records 200, {usual.Commits} without");
        Assert.Equal(usual.Stored, small.Stored);
    }

    private static (int Commits, string Stored) ImportCounting(string workspace, string logs, params string[] more)
    {
        var import = CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly", "-log_level", "DEBUG", .. Reading, .. more]);
        Assert.True(import.ExitCode == 0, import.Error);
        var commits = Regex.Match(import.Error, @"DEBUG (\d+) commits:");
        Assert.True(commits.Success, import.Error);
        return (int.Parse(commits.Groups[1].Value, CultureInfo.InvariantCulture), Stored(workspace));
    }

    [Fact]
    public void A_workspace_that_is_a_file_is_a_clear_error()
    {
        var notADirectory = _temp.Path("file");
        File.WriteAllText(notADirectory, "x");

        var result = CliRunner.Run(["-workspace", notADirectory, "-stdin", "-importonly"], []);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(notADirectory, result.Error, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(notADirectory));
    }

    [Fact]
    public void A_corrupt_database_is_refused_and_left_untouched()
    {
        var workspace = _temp.Directory("ws");
        var database = Path.Combine(workspace, "postmeter.db");
        var junk = new byte[10_000];
        new Random(3).NextBytes(junk);
        File.WriteAllBytes(database, junk);

        var import = CliRunner.Run(["-workspace", workspace, "-stdin", "-importonly"], File.ReadAllBytes(FixturePaths.Seed42));
        var read = CliRunner.Run(["messages", "--workspace", workspace]);

        Assert.Equal(2, import.ExitCode);
        Assert.Equal(2, read.ExitCode);
        Assert.Contains(database, import.Error, StringComparison.Ordinal);
        Assert.Equal(junk, File.ReadAllBytes(database));
    }

    private static CliResult Import(string workspace, string logs) =>
        CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly", .. Reading]);

    private static string Stored(string workspace) => CliRunner.Run(["messages", "--workspace", workspace]).Output;

    private static int CountOccurrences(string text, string part) => text.Split(part).Length - 1;

    private static void AssertSameAsStreaming(string workspace, string logs)
    {
        var streamedMessages = CliRunner.Run(["messages", logs, .. Reading]);
        var storedMessages = CliRunner.Run(["messages", "--workspace", workspace]);
        Assert.True(storedMessages.ExitCode == 0, storedMessages.Error);
        Assert.NotEmpty(streamedMessages.Lines);
        Assert.Equal(streamedMessages.Output, storedMessages.Output);

        foreach (var format in new[] { "json", "text" })
        {
            var streamed = CliRunner.Run(["report", logs, "--format", format, .. Reading]);
            var stored = CliRunner.Run(["report", "--workspace", workspace, "--format", format]);
            Assert.True(stored.ExitCode == 0, stored.Error);
            Assert.Equal(streamed.Output, stored.Output);
        }
    }

    private string LogDirectoryWith(string log)
    {
        var directory = _temp.Directory("logs-" + Path.GetFileName(Path.GetDirectoryName(log)));
        RotatedLogs.Write(Path.Combine(directory, "maillog"), File.ReadLines(log));
        return directory;
    }
}
