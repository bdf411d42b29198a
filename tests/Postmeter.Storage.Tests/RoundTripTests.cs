using System.Text;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

public abstract class RoundTripTests(IStoreImplementation implementation)
{
    [Theory]
    [InlineData("filter")]
    [InlineData("longqid")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Replayed_messages_print_exactly_what_the_live_ones_printed(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
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
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All);
        var report = FixtureImport.ReportBytes(replayed.Report, workspace.Store.ReadLineStatistics(TimeRange.All), import.OrphanLines);

        Assert.Equal(Encoding.UTF8.GetString(import.LiveReport), Encoding.UTF8.GetString(report));
    }

    [Theory]
    [InlineData("filter")]
    [InlineData("seed11")]
    [InlineData("seed42")]
    public void Every_field_of_every_message_recipient_and_attempt_survives_the_store(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All).Records;

        Assert.Equal(import.Records.Count, replayed.Count);
        for (var i = 0; i < replayed.Count; i++)
        {
            var live = import.Records[i];
            Assert.Equal(live.Message is null ? null : MessageText.Of(live.Message), replayed[i].Message is null ? null : MessageText.Of(replayed[i].Message!));
            Assert.Equal(live.Reject, replayed[i].Reject);
            Assert.Equal(live.AuthFailure, replayed[i].AuthFailure);
        }
    }

    [Fact]
    public void Hand_made_records_with_every_field_set_or_empty_come_back_equal()
    {
        using var workspace = new StoreFixture(implementation);
        var at = new DateTime(2026, 11, 21, 10, 15, 0, 123, DateTimeKind.Utc).AddTicks(4567);
        var full = Messages.Sent("mail", "AAA111", at, "a@example.net", "b@gmail.com", "c@gmail.com");
        full.Hops.Add("BBB222");
        full.Hops.Add("CCC333");
        full.Recipients[0].HopQueueId = "BBB222";
        full.Recipients[1].DiscardedAt = at.AddSeconds(3);
        full.Recipients[1].Fate = Fate.Discarded;
        full.Recipients[1].Attempts.Insert(0, new DeliveryAttempt(at, DeliveryStatus.Deferred, "smtp", null, "4.4.1", "connect to x: Connection refused", double.NaN, "TLSv1.3 with cipher X"));
        full.Recipients.Add(new TrackedRecipient("d@example.org", "alias@example.org") { Fate = Fate.Deferred });
        full.Recipients.Add(new TrackedRecipient("jürgen@bücher.example", "Ünïcødé <😀@example.org>") { Fate = Fate.Bounced });
        full.Recipients[^1].Attempts.Add(new DeliveryAttempt(at, DeliveryStatus.Bounced, "smtp", "mx.bücher.example[192.0.2.3]:25", "5.1.1", "550 Benutzer unbekannt – «nicht zustellbar»", 0.25, null));
        full.ClientHost = "client.example.net";
        full.SaslUsername = "alice";
        full.ReturnedToSender = true;
        full.NotificationOf = "ZZZ999";
        full.NotificationKind = Postmeter.Core.Parsing.NotificationKind.PostmasterNonDelivery;
        full.ExpiredAt = at.AddDays(5);
        full.Held = true;
        full.Origin = MessageOrigin.Internal;
        full.Completion = Completion.Lost;
        full.Direction = Direction.Local;
        var bare = new TrackedMessage("other", "postfix-out", "DDD444", at);
        var reject = new RejectRecord(at, "mail", "EEE555", "cleanup", "header", null, null, null, null, null, null, "header check");
        var failure = new AuthFailureRecord(at, "mail", null, null, "PLAIN", "authentication failed: UGFzc3dvcmQ6");
        workspace.Store.Commit(Messages.Batch(40, full, bare, reject, failure, Messages.Reject(at, "x@example.net")));

        var replayed = ReplayOutput.Of(workspace.Reopen(WorkspaceAccess.ReadOnly), TimeRange.All).Records;

        Assert.Equal(MessageText.Of(full), MessageText.Of(replayed[0].Message!));
        Assert.Equal(MessageText.Of(bare), MessageText.Of(replayed[1].Message!));
        Assert.Null(replayed[1].Message!.CompletedAt);
        Assert.Equal(reject, replayed[2].Reject);
        Assert.Equal(failure, replayed[3].AuthFailure);
        Assert.Equal(Messages.Reject(at, "x@example.net"), replayed[4].Reject);
    }

    [Fact]
    public void A_reopened_workspace_holds_everything_committed_before()
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.AllInTimeOrder, workspace.Store);

        var reopened = workspace.Reopen();

        Assert.Equal(import.LiveJson, ReplayOutput.Of(reopened, TimeRange.All).Json);
        Assert.Equal(import.Records.Count, reopened.LoadImportState().NextSequence);
        Assert.Equal(import.Lines.Lines, reopened.ReadLineStatistics(TimeRange.All).Lines);
    }

    public static TheoryData<string> LightmeterSamples => [.. Fixtures.LightmeterSamples.Select(p => Path.GetFileName(p))];

    [Theory]
    [MemberData(nameof(LightmeterSamples))]
    public void Lightmeter_sample_logs_replay_exactly_with_every_field(string file)
    {
        using var workspace = new StoreFixture(implementation);
        var path = Fixtures.LightmeterSamples.Single(p => Path.GetFileName(p) == file);
        var import = FixtureImport.Run(path, workspace.Store, linesPerCommit: 7);

        var replayed = ReplayOutput.Of(workspace.Store, TimeRange.All);

        Assert.Equal(Encoding.UTF8.GetString(import.LiveJson), Encoding.UTF8.GetString(replayed.Json));
        Assert.Equal(
            import.Records.Select(r => r.Message is { } m ? MessageText.Of(m) : $"{r.Reject}{r.AuthFailure}"),
            replayed.Records.Select(r => r.Message is { } m ? MessageText.Of(m) : $"{r.Reject}{r.AuthFailure}"));
        Assert.Equal(import.LiveReport, FixtureImport.ReportBytes(replayed.Report, workspace.Store.ReadLineStatistics(TimeRange.All), import.OrphanLines));
    }
}
