using Microsoft.Data.Sqlite;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Accounts;
using Postmeter.Storage.Sqlite;
using Postmeter.Storage.Sqlite.Accounts;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests.Migrations;

public sealed class MigrationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Workspace => _temp.Path("ws");

    private string Database => _temp.Path("ws", "postmeter.db");

    /// <summary>
    /// Every schema version, 0 being an empty workspace. Each earlier one is migrated; the latest is only opened, which
    /// must leave its rows alone too.
    /// </summary>
    public static TheoryData<int> Versions => [.. Enumerable.Range(0, SchemaMigrations.Latest + 1)];

    /// <summary>
    /// Tables a later version folded into another table (schema 2: attempts into recipients.attempts) or replaced by
    /// tables it fills from the stored rows (schema 5: rollup_hourly by the dashboard rollups).
    /// </summary>
    private static readonly HashSet<string> FoldedTables = ["attempts", "rollup_hourly"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_scripts_are_numbered_from_one_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.Latest), SchemaMigrations.All.Select(m => m.Version));
        Assert.Equal("0001_initial", SchemaMigrations.All[0].Name);
    }

    [Fact]
    public void Every_schema_version_has_sample_rows_for_the_migration_tests()
    {
        foreach (var migration in SchemaMigrations.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(Sample(migration.Version)), $"Migrations/Samples/{migration.Version:D4}.sql is missing");
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_workspace_of_any_version_is_brought_up_to_date_keeping_its_rows_and_ends_with_the_fresh_schema(int version)
    {
        Directory.CreateDirectory(Workspace);
        Dictionary<string, List<Dictionary<string, string>>> before;
        using (var connection = Open())
        {
            var paths = WorkspacePaths.Prepare(Workspace, WorkspaceAccess.ReadWrite);
            SchemaMigrator.Migrate(connection, paths, DateTime.UnixEpoch, target: version);
            Assert.Equal(version, SchemaMigrator.CurrentVersion(connection, Database));
            if (version > 0)
            {
                Execute(connection, Sample(version));
            }

            before = Rows(connection);
        }

        SqliteWorkspaceStore.Open(Workspace).Dispose();

        using var migrated = Open();
        Assert.Equal(SqliteWorkspaceStore.SchemaVersion, SchemaMigrator.CurrentVersion(migrated, Database));
        var after = Rows(migrated);
        foreach (var (table, rows) in before)
        {
            if (FoldedTables.Contains(table))
            {
                // Its rows live on in another table's column; the read-back tests below check them.
                Assert.False(after.ContainsKey(table), $"table {table} should have been folded away");
                continue;
            }

            Assert.True(after.ContainsKey(table), $"table {table} was dropped");
            Assert.Equal(rows.Count, after[table].Count);
            for (var i = 0; i < rows.Count; i++)
            {
                // Columns a later version added may hold anything; the ones that were there keep their values.
                Assert.Equal(rows[i], rows[i].Keys.ToDictionary(c => c, c => after[table][i].GetValueOrDefault(c, "(dropped)")));
            }
        }

        Assert.Equal(FreshSchema(), Schema(migrated));
    }

    [Fact]
    public void Rows_written_by_schema_1_read_back_through_the_store()
    {
        using var store = OpenWithSample(1);
        var replayed = ReplayOutput.Of(store, TimeRange.All).Records;

        Assert.Equal(3, replayed.Count);
        Assert.Equal(["BBB222"], replayed[0].Message!.Hops);
        Assert.Equal(["b@gmail.com", "c@example.org"], replayed[0].Message!.Recipients.Select(r => r.Address));
        var sent = Assert.Single(replayed[0].Message!.Recipients[0].Attempts);
        Assert.Equal(new DeliveryAttempt(
            new DateTime(639308529600000000, DateTimeKind.Utc), DeliveryStatus.Sent, "smtp", "gmail-smtp-in.l.google.com[192.0.2.9]:25", "2.0.0",
            "250 2.0.0 OK", 0.5, "TLSv1.3"), sent);
        var deferred = Assert.Single(replayed[0].Message!.Recipients[1].Attempts);
        Assert.Equal((DeliveryStatus.Deferred, "4.4.1", (string?)null, 1.25), (deferred.Status, deferred.Dsn, deferred.Relay, deferred.Delay));
        Assert.Equal("Relay access denied", replayed[1].Reject!.Reason);
        Assert.Equal("admin", replayed[2].AuthFailure!.Username);
        Assert.Equal(["Nov 21 10:15:00 mail postfix/qmgr[1]: AAA111: removed"], store.ReadRawLines("mail", "BBB222"));
        Assert.Equal(3, store.LoadImportState().NextSequence);
        // Schema 5 counted the stored message's two recipients and the reject into its rollups.
        Assert.Equal("2;1", Scalar("SELECT (SELECT sum(count) FROM traffic_hours WHERE status <= 4) || ';' || (SELECT sum(count) FROM traffic_hours WHERE status = 16)"));
        Assert.Equal(12, store.ReadLineStatistics(TimeRange.All).Lines);
        Assert.Equal("de", store.GetSetting("general.language"));
    }

    [Fact]
    public void Rows_written_by_schema_2_read_back_through_the_store()
    {
        using var store = OpenWithSample(2);
        var replayed = ReplayOutput.Of(store, TimeRange.All).Records;

        Assert.Equal(3, replayed.Count);
        var recipient = Assert.Single(replayed[0].Message!.Recipients);
        Assert.Equal(Fate.Bounced, recipient.Fate);
        Assert.Equal(
            [(DeliveryStatus.Deferred, "451 4.7.650 The mail server [198.51.100.4] has been temporarily rate limited \"IP\"", 1.5, (string?)null),
             (DeliveryStatus.Bounced, "550 5.7.1 Unfortunately, messages from [198.51.100.4] weren't sent", 2.0, "TLSv1.2")],
            recipient.Attempts.Select(a => (a.Status, a.Response, a.Delay, a.Tls)));
        Assert.Equal(new DateTime(639317088300000000, DateTimeKind.Utc), recipient.Attempts[0].Time);
        Assert.Equal("milter-reject: END-OF-MESSAGE from client.example.com[198.51.100.4]: 5.7.1 Spam", replayed[1].Reject!.Reason);
        Assert.Null(replayed[2].AuthFailure!.Username);
        Assert.Equal(13, store.LoadImportState().NextSequence);
        Assert.Equal("Europe/Berlin", store.GetSetting("general.timezone"));
        Assert.Equal(["Nov 21 10:15:00 mail postfix/qmgr[1]: AAA111: removed"], store.ReadRawLines("mx2", "CCC333"));
    }

    [Fact]
    public void Rows_written_by_schema_3_read_back_through_the_store()
    {
        using var store = OpenWithSample(3);
        var replayed = ReplayOutput.Of(store, TimeRange.All).Records;
        var state = store.LoadImportState();

        Assert.Equal("DDD444", Assert.Single(replayed).Message!.QueueId);
        Assert.Equal([5], state.TrackerState);
        Assert.Equal("""{"Id":7,"Host":"mx3","Instance":"postfix","QueueId":"EEE555"}""", System.Text.Encoding.UTF8.GetString(Assert.Single(SavedRows.Of(store).Messages)));
        Assert.Equal(21, state.NextSequence);
    }

    [Fact]
    public void Accounts_written_by_schema_4_read_back_through_the_account_store()
    {
        OpenWithSample(4).Dispose();
        using var accounts = SqliteAccountStore.Open(Workspace);

        var user = Assert.Single(accounts.ListUsers());
        Assert.Equal(("admin@example.com", Role.Admin), (user.Email, user.Role));
        Assert.Equal("prometheus", Assert.Single(accounts.ListTokens()).Name);
        Assert.Equal(1, accounts.FindSession("k1")?.UserId);
        Assert.Equal("login", Assert.Single(accounts.ReadAudit(10, null)).Action);
    }

    /// <summary>The store over a workspace of schema <paramref name="version"/> holding that version's sample rows, upgraded.</summary>
    private SqliteWorkspaceStore OpenWithSample(int version)
    {
        Directory.CreateDirectory(Workspace);
        using (var connection = Open())
        {
            SchemaMigrator.Migrate(connection, WorkspacePaths.Prepare(Workspace, WorkspaceAccess.ReadWrite), DateTime.UnixEpoch, target: version);
            Execute(connection, Sample(version));
        }

        return SqliteWorkspaceStore.Open(Workspace);
    }

    private string FreshSchema()
    {
        var fresh = _temp.Path("fresh");
        SqliteWorkspaceStore.Open(fresh).Dispose();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(fresh, "postmeter.db")};Pooling=False");
        connection.Open();
        return Schema(connection);
    }

    private string? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        return connection;
    }

    private static string Sample(int version)
    {
        using var stream = typeof(MigrationTests).Assembly.GetManifestResourceStream($"Postmeter.Storage.Tests.Samples.{version:D4}.sql");
        if (stream is null)
        {
            return string.Empty;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every object of the schema (tables, indexes) with its SQL, in name order.</summary>
    private static string Schema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add($"{reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}: {(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Every row of every table except schema_version, column by column as text, in key order.</summary>
    private static Dictionary<string, List<Dictionary<string, string>>> Rows(SqliteConnection connection)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            var list = new List<Dictionary<string, string>>();
            while (reader.Read())
            {
                list.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Text(reader.GetValue(i))));
            }

            rows[table] = list;
        }

        return rows;
    }

    private static string Text(object value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        DBNull => "NULL",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
