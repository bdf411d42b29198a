using System.Text;
using Postmeter.Ingest.Importing;
using Postmeter.Storage;

namespace Postmeter.Ingest.Tests.Importing;

public sealed class SourcePrefixTests
{
    private static readonly DateTime Updated = new(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_file_that_grew_since_its_checkpoint_is_the_same_source()
    {
        var small = Prefix(Lines(10));
        var grown = Prefix(Lines(500));

        var found = grown.FindCheckpoint([Checkpoint("k", small, offset: 700)]);

        Assert.Equal("k", found?.Key);
        Assert.True(grown.Count == SourcePrefix.Length && small.Count < SourcePrefix.Length);
    }

    [Fact]
    public void Other_content_matches_no_checkpoint()
    {
        var known = Prefix(Lines(500));
        var other = Prefix(Lines(500, host: "mx2"));

        Assert.Null(other.FindCheckpoint([Checkpoint("k", known, 100)]));
    }

    [Fact]
    public void A_shorter_file_does_not_match_a_longer_checkpoint()
    {
        var known = Prefix(Lines(500));
        var truncated = Prefix(Lines(3));

        Assert.Null(truncated.FindCheckpoint([Checkpoint("k", known, 100)]));
    }

    [Fact]
    public void The_longest_matching_prefix_wins()
    {
        var full = Prefix(Lines(500));

        var found = full.FindCheckpoint([Checkpoint("short", Prefix(Lines(5)), 10), Checkpoint("long", Prefix(Lines(40)), 20)]);

        Assert.Equal("long", found?.Key);
    }

    [Fact]
    public void Keys_differ_for_different_content_and_are_stable_for_the_same()
    {
        Assert.Equal(Prefix(Lines(5)).NewKey(), Prefix(Lines(5)).NewKey());
        Assert.NotEqual(Prefix(Lines(5)).NewKey(), Prefix(Lines(6)).NewKey());
    }

    private static SourcePrefix Prefix(string text) => SourcePrefix.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static SourceCheckpoint Checkpoint(string key, SourcePrefix prefix, long offset) =>
        new(key, "mail.log", prefix.Hash, prefix.Count, offset, 1, 2026, 100, Updated);

    private static string Lines(int count, string host = "mx1") => string.Concat(Enumerable.Range(0, count)
        .Select(i => $"Nov 22 10:{i / 60 % 60:00}:{i % 60:00} {host} postfix/qmgr[12]: 4AB{i:X5}: removed\n"));
}
