using Microsoft.Data.Sqlite;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Import;

/// <summary>
/// A workspace whose contents were damaged (a value edited by hand, bytes flipped on disk) is refused with the one-line
/// "workspace" error and exit 2 by every reader and by import, never a stack trace, and import appends nothing to it.
/// </summary>
public sealed class DamagedWorkspaceTests : IDisposable
{
    private static readonly string[] Reading = ["--timezone", "UTC", "--log-starting-year", "2026"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> DamagedValues() =>
    [
        "UPDATE tracker_messages SET state = CAST('{\"not\": [json' AS BLOB) WHERE id = (SELECT min(id) FROM tracker_messages)",
        "UPDATE tracker_messages SET state = x'00ff00ff' WHERE id = (SELECT max(id) FROM tracker_messages)",
        "UPDATE tracker_state SET state = x'0011223344556677'",
        "UPDATE tracker_state SET state = CAST('plain text, not gzip' AS BLOB)",
        "UPDATE messages SET received_at = -5 WHERE seq = (SELECT min(seq) FROM messages WHERE received_at IS NOT NULL)",
        "UPDATE messages SET first_seen = 9223372036854775807 WHERE seq = (SELECT max(seq) FROM messages)",
        "UPDATE messages SET direction = 77 WHERE seq = (SELECT min(seq) FROM messages)",
        "UPDATE messages SET completion = -3 WHERE seq = (SELECT max(seq) FROM messages)",
        "UPDATE messages SET notification_kind = 40 WHERE seq = (SELECT min(seq) FROM messages)",
        "UPDATE messages SET recipient_count = 99999999999 WHERE seq = (SELECT min(seq) FROM messages)",
        "UPDATE recipients SET fate = 1000 WHERE id = (SELECT min(id) FROM recipients)",
        "UPDATE recipients SET fate_at = -1 WHERE id = (SELECT max(id) FROM recipients)",
        "UPDATE recipients SET attempts = '[[1,2' WHERE id = (SELECT min(id) FROM recipients)",
        "UPDATE rejects SET time = -100 WHERE seq = (SELECT min(seq) FROM rejects)",
        "UPDATE auth_failures SET time = 3155378976000000000 WHERE seq = (SELECT min(seq) FROM auth_failures)",
    ];

    [Theory]
    [MemberData(nameof(DamagedValues))]
    public void A_damaged_value_is_the_one_line_workspace_error_for_every_reader_and_for_import(string damage)
    {
        var workspace = ImportedWorkspace();
        Damage(workspace, damage);
        var before = File.ReadAllBytes(Path.Combine(workspace, "postmeter.db"));

        var report = CliRunner.Run(["report", "--workspace", workspace]);
        var messages = CliRunner.Run(["messages", "--workspace", workspace]);
        var import = CliRunner.Run(["-workspace", workspace, "-stdin", "-importonly", .. Reading], File.ReadAllBytes(FixturePaths.LongQueueIds));

        AssertRefused(report);
        AssertRefused(messages);
        Assert.Equal(string.Empty, report.Output);
        Assert.Equal(string.Empty, messages.Output);
        AssertRefused(import, afterStarting: true);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(workspace, "postmeter.db")));
    }

    [Fact]
    public void Flipped_bytes_in_database_pages_are_refused_or_harmless_never_a_crash()
    {
        var pristine = ImportedWorkspace();
        var database = Path.Combine(pristine, "postmeter.db");
        var original = File.ReadAllBytes(database);
        var refused = 0;
        for (var seed = 1; seed <= 24; seed++)
        {
            var random = new Random(seed);
            var damaged = (byte[])original.Clone();
            for (var i = 0; i < 8; i++)
            {
                // Past the 100-byte file header, which the open check looks at by itself.
                damaged[random.Next(100, damaged.Length)] ^= (byte)random.Next(1, 256);
            }

            var workspace = _temp.Directory($"flip-{seed}");
            File.WriteAllBytes(Path.Combine(workspace, "postmeter.db"), damaged);
            foreach (var result in new[]
            {
                CliRunner.Run(["report", "--workspace", workspace]),
                CliRunner.Run(["messages", "--workspace", workspace]),
                CliRunner.Run(["-workspace", workspace, "-stdin", "-importonly", .. Reading], File.ReadAllBytes(FixturePaths.LongQueueIds)),
            })
            {
                Assert.True(result.ExitCode is 0 or 2, $"seed {seed}: exit {result.ExitCode}\n{result.Error}");
                Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
                Assert.True(result.ExitCode == 0 || result.Output.Length == 0, $"seed {seed}: printed a partial result, then\n{result.Error}");
                refused += result.ExitCode == 2 ? 1 : 0;
            }
        }

        Assert.True(refused > 0, "some damage must be found");
    }

    /// <summary>The seed-42 log and the first half of the later seed-11 one: messages stored, and many in flight in the tracker's rows.</summary>
    private string ImportedWorkspace()
    {
        var later = File.ReadAllLines(FixturePaths.Seed11);
        var logs = _temp.Directory("logs-" + Guid.NewGuid().ToString("N"));
        File.WriteAllLines(Path.Combine(logs, "maillog"), File.ReadAllLines(FixturePaths.Seed42).Concat(later.Take(later.Length / 2)));
        var workspace = _temp.Path("ws-" + Guid.NewGuid().ToString("N"));
        var import = CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly", .. Reading]);
        Assert.True(import.ExitCode == 0, import.Error);
        return workspace;
    }

    private static void Damage(string workspace, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(workspace, "postmeter.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    /// <param name="afterStarting">An import may log that it starts before it finds the damage; its last line says why it stopped.</param>
    private static void AssertRefused(CliResult result, bool afterStarting = false)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Error}");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("postmeter: ", lines[^1], StringComparison.Ordinal);
        Assert.Contains("workspace", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.All(lines[..^1], line => Assert.True(afterStarting && line.Contains(" INFO ", StringComparison.Ordinal), line));
    }
}
