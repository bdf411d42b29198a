using System.Text.Json;
using Postmeter.Core.Processing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>
/// realpostfix-filter: a real Postfix 3.7.11 run with an after-queue content filter (every accepted message A is
/// re-injected as B) and an alias that forwards to a remote address (B's local delivery resubmits as C). The hop table
/// is the one of the fixture's README.md; the recipient fates come from its truth.json, which describes B and C's
/// outcome under A's queue id.
/// </summary>
public sealed class FilterFixtureTests
{
    private static readonly Lazy<(CollectingSink Sink, LineStatistics Stats, MessageTracker Tracker)> Run =
        new(() => Track.File(FixturePaths.Fixture("realpostfix-filter", "maillog")));

    private static CollectingSink Sink => Run.Value.Sink;

    /// <summary>README.md "Queue ids" table: truth id, A, B, C and the notifications B's bounce daemon wrote.</summary>
    public static TheoryData<int, string, string, string, string> Hops() => new()
    {
        { 1, "60643D805D", "6FA47D8060", "", "775E6D8063" },
        { 2, "99572D8062", "9A0F9D8063", "", "" },
        { 3, "B3E9FD8063", "B50A2D806B", "", "46888D8086 78F15D8083" },
        { 5, "7D706D806C", "8B118D806D", "", "" },
        { 6, "D22A4D806C", "D3201D806D", "D3C94D806C", "" },
        { 7, "E4493D806C", "E4FDAD806D", "E5C52D806C", "" },
        { 8, "1C8A0D8070", "1D424D8071", "1EADDD8070", "" },
        { 9, "A5ED4D8070", "A72BDD8071", "", "B3C3BD8072" },
        { 10, "ED33ED8076", "EDDE1D8075", "", "" },
        { 11, "15696D8077", "1620BD8078", "", "" },
        { 12, "2C948D8078", "2D50ED807D", "2DF43D8078", "" },
        { 13, "3712DD8078", "37FA6D807D", "", "" },
        { 14, "53085D8078", "551E3D807D", "", "" },
        { 15, "6E2A2D8078", "7180AD807D", "", "7E496D807E" },
        { 16, "8C6AFD8081", "8D09BD8082", "", "8E07FD8083" },
        { 17, "CA936D8081", "D366FD8083", "", "" },
        { 18, "57740D8084", "582E6D8085", "", "59EE9D8086" },
        { 19, "84B4ED8084", "85566D8085", "85F15D8084", "" },
        { 20, "911F2D8084", "91C7BD8085", "9280BD8084", "" },
        { 21, "A086FD8084", "A1341D8085", "", "" },
        { 22, "B1A0ED8084", "B23C6D8085", "", "3DC5FD808F 6EBF7D806D" },
        { 23, "CCA96D8086", "CDA4ED8087", "", "" },
        { 24, "695DAD8088", "6A69CD8089", "", "" },
        { 25, "78350D8088", "791E3D808A", "", "" },
        { 26, "CEF3DD808A", "D09A9D808E", "D2C15D808A", "" },
        { 27, "E2E9FD808A", "E39F9D808E", "", "343C2D8081 651FFD806D" },
        { 28, "0F787D8091", "10571D8092", "", "" },
        { 29, "14571D8091", "155ECD8093", "", "1F96BD8099 2F2ACD806C 5DF63D8076" },
    };

    [Theory]
    [MemberData(nameof(Hops))]
    public void Filtered_message_is_one_message_with_its_hops_and_the_fates_of_the_reinjected_copy(int id, string a, string b, string c, string notifications)
    {
        var root = Sink.Single(a);
        string[] hops = c.Length == 0 ? [b] : [b, c];
        Assert.Equal(hops, root.Hops);
        Assert.DoesNotContain(Sink.Messages, m => m.QueueId == b || (c.Length > 0 && m.QueueId == c));
        Assert.Equal(Completion.Removed, root.Completion);
        Assert.All(root.Recipients.Where(r => r.HopQueueId == b), r => Assert.Equal("127.0.0.1[127.0.0.1]:10025", r.LastAttempt!.Relay));
        Assert.DoesNotContain(root.FinalRecipients, r => r.LastAttempt?.Relay == "127.0.0.1[127.0.0.1]:10025");

        var truth = Truth(id);
        foreach (var r in truth.GetProperty("recipients").EnumerateArray())
        {
            var address = r.GetProperty("address").GetString()!;
            Assert.Equal((address, r.GetProperty("expected").GetString()), (address, FateOf(root, address)));
        }

        if (truth.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(auth.GetProperty("attempts").EnumerateArray().Last().GetProperty("user").GetString(), root.SaslUsername);
        }

        var expectNdr = truth.TryGetProperty("expect_ndr", out var ndr) && ndr.GetBoolean();
        Assert.Equal(expectNdr, root.ReturnedToSender);
        foreach (var notification in notifications.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var n = Sink.Single(notification);
            Assert.NotNull(n.NotificationOf);
            Assert.True(n.NotificationOf == a || root.Hops.Contains(n.NotificationOf), $"{notification} names {n.NotificationOf}, not a queue of {a}");
            Assert.Equal(MessageOrigin.Internal, n.Origin);
        }
    }

    [Fact]
    public void Forwarded_alias_member_is_delivered_under_the_forwarded_copy_and_the_local_member_under_the_hop()
    {
        // Message 6: fwd@example.net → alice (local, in B) and someone@example.org (remote, resubmitted as C).
        var root = Sink.Single("D22A4D806C");

        var alice = Assert.Single(root.FinalRecipients, r => r.Address == "alice@example.net");
        Assert.Equal("fwd@example.net", alice.OrigAddress);
        Assert.Equal("local", alice.LastAttempt!.Daemon);
        var remote = Assert.Single(root.FinalRecipients, r => r.Address == "someone@example.org");
        Assert.Equal("fwd@example.net", remote.OrigAddress);
        Assert.Equal("smtp", remote.LastAttempt!.Daemon);
        Assert.Equal(Fate.Sent, remote.Fate);
        var forward = Assert.Single(root.Recipients, r => r.HopQueueId == "D3C94D806C");
        Assert.Equal(("fwd@example.net", "local", "forwarded as D3C94D806C"), (forward.Address, forward.LastAttempt!.Daemon, forward.LastAttempt.Response));
        var filter = Assert.Single(root.Recipients, r => r.HopQueueId == "D3201D806D");
        Assert.Equal(("fwd@example.net", "smtp"), (filter.Address, filter.LastAttempt!.Daemon));
        Assert.Equal(Direction.Outbound, root.Direction);
    }

    [Fact]
    public void Run_gives_each_accepted_message_and_each_notification_once_and_nothing_more()
    {
        var (sink, stats, tracker) = Run.Value;

        Assert.Equal(29 + 14, sink.Messages.Count);
        Assert.Equal(14, sink.Messages.Count(m => m.NotificationOf is not null));
        Assert.Equal(28, sink.Messages.Count(m => m.Hops.Count > 0));
        Assert.Equal(0, stats.Malformed);
        Assert.Equal(0, tracker.InFlight);
        Assert.Equal(0, tracker.OrphanLines);
        Assert.Equal(sink.Messages.Count, sink.Messages.Select(m => m.QueueId).Distinct().Count());
    }

    [Fact]
    public void Discarded_message_has_no_hop()
    {
        var m = Sink.Single("CE84DD8063");

        Assert.Empty(m.Hops);
        Assert.Equal(Fate.Discarded, Assert.Single(m.Recipients).Fate);
    }

    [Fact]
    public void Rejected_recipient_is_a_reject_and_not_a_message()
    {
        var reject = Assert.Single(Sink.Rejects);

        Assert.Equal("jsmith@example.net", reject.Recipient);
        Assert.Equal("550", reject.Code);
        Assert.Null(reject.QueueId);
    }

    private static JsonElement Truth(int id)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(FixturePaths.Fixture("realpostfix-filter", "truth.json")));
        return truth.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == id).Clone();
    }

    /// <summary>Like Postfix's accounting of an original recipient: any bounced expansion makes it bounced.</summary>
    private static string FateOf(TrackedMessage message, string address)
    {
        var fates = message.FinalRecipients
            .Where(r => string.Equals(r.OrigAddress ?? r.Address, address, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Fate)
            .ToList();
        return fates.Count == 0 ? "recipient not found"
            : fates.Contains(Fate.Bounced) ? "bounced"
            : fates.Contains(Fate.Expired) ? "expired"
            : fates.Contains(Fate.Deferred) ? "deferred"
            : fates.Contains(Fate.Discarded) ? "discarded"
            : "sent";
    }
}
