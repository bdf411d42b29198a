using System.Text;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData("filter")]
    [InlineData("longqid")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Replayed_messages_print_exactly_what_the_live_ones_printed(string fixture)
    {
        using var workspace = new StoreFixture();
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All);

        Assert.True(import.Commits > 3, "the fixture should span several commits");
        Assert.Equal(Encoding.UTF8.GetString(import.LiveJson), Encoding.UTF8.GetString(replayed.Json));
    }

    [Theory]
    [InlineData("filter")]
    [InlineData("longqid")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void A_report_from_the_store_is_byte_identical_to_the_live_report(string fixture)
    {
        using var workspace = new StoreFixture();
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All);
        var report = FixtureImport.ReportBytes(replayed.Report, workspace.Store.ReadLineStatistics(TimeRange.All), import.OrphanLines);

        Assert.Equal(Encoding.UTF8.GetString(import.LiveReport), Encoding.UTF8.GetString(report));
    }
}
