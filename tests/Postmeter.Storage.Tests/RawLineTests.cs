using System.Text;
using Postmeter.Storage.Sqlite;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public sealed class RawLineTests
{
    [Fact]
    public void The_lines_of_a_message_and_its_content_filter_hop_come_back_by_either_queue_id()
    {
        using var workspace = new StoreFixture();
        FixtureImport.Run(Fixtures.Filter, workspace.Store);
        var expected = File.ReadLines(Fixtures.Filter)
            .Where(l => l.Contains(" 60643D805D: ", StringComparison.Ordinal) || l.Contains(" 6FA47D8060: ", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var byFirstQueue = workspace.Store.ReadRawLines("mail", "60643D805D");
        var byHop = workspace.Store.ReadRawLines("mail", "6FA47D8060");

        Assert.Contains(expected, l => l.Contains("6FA47D8060: to=<chrism@protonmail.com>", StringComparison.Ordinal));
        Assert.Equal(expected, byFirstQueue.Order(StringComparer.Ordinal));
        Assert.Equal(byFirstQueue, byHop);
    }

    [Theory]
    [InlineData("filter")]
    [InlineData("longqid")]
    [InlineData("seed42")]
    public void Every_message_gets_back_exactly_the_lines_the_tracker_kept(string fixture)
    {
        using var workspace = new StoreFixture();
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        var newestByQueue = import.Records
            .Where(r => r.Message is not null)
            .GroupBy(r => (r.Message!.Host, r.Message.QueueId))
            .Select(g => g.OrderBy(r => r.Message!.FirstSeen).ThenBy(r => r.Sequence).Last().Message!)
            .ToList();

        foreach (var message in newestByQueue)
        {
            var kept = Encoding.UTF8.GetString(message.RawLines).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(kept, workspace.Store.ReadRawLines(message.Host, message.QueueId));
        }

        Assert.True(newestByQueue.Count(m => !m.RawLines.IsEmpty) > 20);
    }

    [Fact]
    public void An_unknown_queue_id_or_host_has_no_lines()
    {
        using var workspace = new StoreFixture();
        FixtureImport.Run(Fixtures.Filter, workspace.Store);

        Assert.Empty(workspace.Store.ReadRawLines("mail", "0000000000"));
        Assert.Empty(workspace.Store.ReadRawLines("other-host", "60643D805D"));
    }

    [Fact]
    public void A_reject_keeps_its_own_line()
    {
        using var workspace = new StoreFixture();
        var import = FixtureImport.Run(Fixtures.Seed42, workspace.Store);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All).Records.Where(r => r.Reject is not null).Select(r => r.Reject!).ToList();

        var live = import.Records.Where(r => r.Reject is not null).Select(r => r.Reject!).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, r => Assert.NotNull(r.RawLine));
        Assert.Equal(live, replayed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Blocks_written_with_either_codec_read_back(int codec)
    {
        using var temp = new TempFolder();
        var compression = codec == 1
            ? new RawBlockCodec(RawCodec.Deflate, (int)System.IO.Compression.CompressionLevel.Fastest)
            : new RawBlockCodec(RawCodec.Brotli, 1);
        using var store = SqliteWorkspaceStore.Open(temp.Path("ws"), WorkspaceAccess.ReadWrite, TimeProvider.System, compression);
        var import = FixtureImport.Run(Fixtures.LongQid, store);

        foreach (var message in import.Messages.Where(m => !m.RawLines.IsEmpty).Take(40))
        {
            Assert.Equal(
                Encoding.UTF8.GetString(message.RawLines).TrimEnd('\n').Split('\n'),
                store.ReadRawLines(message.Host, message.QueueId));
        }
    }
}
