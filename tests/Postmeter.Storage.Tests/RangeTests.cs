using Postmeter.Core.Export;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class RangeTests(IStoreImplementation implementation)
{
    public static TheoryData<string?, string?> Ranges => new()
    {
        { null, null },
        { "2026-11-21T22:31:00Z", null },
        { null, "2026-11-21T22:31:00Z" },
        { "2026-11-21T22:31:00Z", "2026-11-22T01:45:00Z" },
        { "2026-11-22T01:40:00Z", "2026-11-22T01:40:30Z" },
        { "2026-11-23T00:00:00Z", null },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_range_replays_exactly_the_records_whose_time_falls_in_it_in_emission_order(string? from, string? to)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.AllInTimeOrder, workspace.Store);
        var range = new TimeRange(Parse(from), Parse(to));

        var replayed = ReplayOutput.Of(workspace.Store, range);

        var expected = import.Records.Where(r => range.Contains(TimeOf(r))).ToList();
        Assert.Equal(Json(expected), replayed.Json);
        Assert.Equal(expected.Count(r => r.AuthFailure is not null), replayed.Records.Count(r => r.AuthFailure is not null));
        if (from is null && to is null)
        {
            Assert.Equal(import.Records.Count, replayed.Records.Count);
        }
    }

    [Fact]
    public void A_replay_streams_into_the_sink_while_it_reads()
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Seed42, workspace.Store);
        var sink = new StoppingSink(10);

        Assert.Throws<OperationCanceledException>(() => workspace.Store.Replay(TimeRange.All, sink));

        Assert.Equal(10, sink.Seen);
        Assert.True(import.Records.Count > 100);
    }

    private static DateTime? Parse(string? text) => text is null ? null : DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static DateTime TimeOf(EmittedRecord record) =>
        record.Message is { } m ? m.CompletedAt ?? m.LastSeen : record.Reject?.Time ?? record.AuthFailure!.Time;

    private static byte[] Json(IEnumerable<EmittedRecord> records)
    {
        using var output = new MemoryStream();
        using (var writer = new MessageJsonWriter(output))
        {
            foreach (var record in records)
            {
                if (record.Message is { } m)
                {
                    writer.OnMessage(m);
                }
                else if (record.Reject is { } r)
                {
                    writer.OnReject(r);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>Gives up after a number of records, as a reader whose output went away does.</summary>
    private sealed class StoppingSink(int after) : ITrackingSink
    {
        public int Seen { get; private set; }

        public void OnMessage(TrackedMessage message) => Count();

        public void OnReject(RejectRecord reject) => Count();

        public void OnAuthFailure(AuthFailureRecord failure) => Count();

        private void Count()
        {
            if (++Seen == after)
            {
                throw new OperationCanceledException();
            }
        }
    }
}
