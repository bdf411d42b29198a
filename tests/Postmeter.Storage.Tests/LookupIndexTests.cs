using Microsoft.Data.Sqlite;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public sealed class LookupIndexTests
{
    private static readonly string[] Lookups =
        ["hops_by_queue_id", "messages_by_message_id", "messages_by_queue_id", "messages_by_sender", "recipients_by_address"];

    [Fact]
    public void An_empty_workspace_defers_its_lookup_indexes_and_gets_them_back_with_the_same_answers()
    {
        using var workspace = new StoreFixture();
        var withIndexes = Indexes(workspace);

        Assert.True(workspace.Store.DeferLookupIndexes());
        Assert.Empty(Indexes(workspace).Intersect(Lookups));
        FixtureImport.Run(Fixtures.Filter, workspace.Store);
        var linesWithout = workspace.Store.ReadRawLines("mail", "6FA47D8060");
        workspace.Store.RestoreLookupIndexes();

        Assert.Equal(withIndexes, Indexes(workspace));
        Assert.NotEmpty(linesWithout);
        Assert.Equal(linesWithout, workspace.Store.ReadRawLines("mail", "6FA47D8060"));
    }

    [Fact]
    public void A_workspace_with_messages_keeps_its_indexes_and_restoring_twice_changes_nothing()
    {
        using var workspace = new StoreFixture();
        FixtureImport.Run(Fixtures.Filter, workspace.Store);
        var before = Indexes(workspace);

        Assert.False(workspace.Store.DeferLookupIndexes());
        workspace.Store.RestoreLookupIndexes();
        workspace.Store.RestoreLookupIndexes();

        Assert.Equal(before, Indexes(workspace));
        Assert.Superset(Lookups.ToHashSet(), before.ToHashSet());
    }

    [Fact]
    public void Indexes_deferred_by_a_process_that_died_are_rebuilt_by_the_next()
    {
        using var workspace = new StoreFixture();
        var full = Indexes(workspace);
        Assert.True(workspace.Store.DeferLookupIndexes());
        workspace.Reopen();
        Assert.NotEqual(full, Indexes(workspace));

        workspace.Store.RestoreLookupIndexes();

        Assert.Equal(full, Indexes(workspace));
    }

    private static List<string> Indexes(StoreFixture workspace)
    {
        using var connection = new SqliteConnection($"Data Source={workspace.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
