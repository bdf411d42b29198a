using System.Text;
using Postmeter.Core.Export;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>
/// Packing an idle message in flight must be invisible: a tracker that packs every message a line passes without
/// naming is held, line by line, against one that never packs — the same saved state, the same emitted messages with
/// the same log lines, and the same fingerprints (a lower one after an unpack could let a later change go unsaved).
/// </summary>
public class PackedMessageTests
{
    private static readonly EnvelopeParser Envelopes = Support.Track.Envelopes();

    [Theory]
    [MemberData(nameof(TrackerSnapshotTests.Logs), MemberType = typeof(TrackerSnapshotTests))]
    public void A_tracker_that_packs_idle_messages_saves_and_emits_what_one_that_never_packs_does(string log)
    {
        var packingSink = new RawLineSink();
        var plainSink = new RawLineSink();
        var packing = new MessageTracker(packingSink, new TrackerOptions { KeepRawLines = true, PackIdleAfterLines = 1 });
        var plain = new MessageTracker(plainSink, new TrackerOptions { KeepRawLines = true, PackIdleAfterLines = 0 });
        var mostPacked = 0;
        var lines = File.ReadLines(log).Select(Encoding.UTF8.GetBytes).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            Support.Track.Line(Envelopes, packing, lines[i]);
            Support.Track.Line(Envelopes, plain, lines[i]);
            mostPacked = Math.Max(mostPacked, packing.PackedInFlight);
            Assert.Equal(plain.InFlight, packing.InFlight);
            if (i % 25 == 0 || i == lines.Count - 1)
            {
                Assert.Equal(Saved(plain), Saved(packing));
                Assert.Equal(Fingerprints(plain), Fingerprints(packing));
            }
        }

        Assert.True(mostPacked > 2, $"at most {mostPacked} messages were packed at once");
        packing.Complete();
        plain.Complete();
        Assert.Contains("\"type\":\"message\"", plainSink.Messages[0], StringComparison.Ordinal);
        Assert.Equal(plainSink.Messages, packingSink.Messages);
    }

    [Fact]
    public void A_deferred_message_with_every_field_set_comes_back_from_its_packed_form_as_it_was()
    {
        var strings = new StringCache();
        var codec = new PackedMessage(strings);
        var t = new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc);
        var message = new TrackedMessage("mail", "postfix-out", "4NqdbL0c8Fz9xyz", t)
        {
            StateId = 123_456_789,
            LastSeen = t.AddHours(5),
            Origin = MessageOrigin.Smtp,
            ReceivedAt = t,
            MessageId = "<a.b@example.net>",
            Sender = "ana@example.net",
            ClientHost = "unknown",
            ClientIp = "2001:db8::1",
            SaslUsername = "ana",
            Size = 12_345_678_901,
            RecipientCount = 2,
            ReturnedToSender = true,
            NotificationOf = "ABC123",
            NotificationKind = NotificationKind.Delay,
            ExpiredAt = t.AddDays(5),
            Held = true,
        };
        message.AppendRawLine("Nov 21 22:29:56 mail postfix/smtpd[1]: 4NqdbL0c8Fz9xyz: client=unknown[2001:db8::1]"u8);
        var first = message.RecipientFor("bob@example.org", "bob@alias.example.org");
        var second = message.RecipientFor("carol@example.org", null);
        second.DiscardedAt = t.AddMinutes(1);
        for (var i = 0; i < 3; i++)
        {
            first.Attempts.Add(new DeliveryAttempt(t.AddMinutes(30 * i), DeliveryStatus.Deferred, "smtp", "mx.example.org[192.0.2.1]:25",
                "4.4.1", "connect to mx.example.org[192.0.2.1]:25: Connection timed out", 30.12 + i, null));
        }

        first.Attempts.Add(new DeliveryAttempt(t.AddSeconds(-3), DeliveryStatus.Sent, "smtp", null, "2.0.0", "250 2.0.0 Ok: queued as X", 0.1, "TLSv1.3"));
        var queueId = message.QueueId.AsSpan();
        Assert.True(PackedMessage.CanPack(message, queueId));

        var scopes = new ScopeTable();
        var key = QueueKey.From(scopes.IdOf("mail"u8, "postfix-out"u8), "4NqdbL0c8Fz9xyz"u8);
        var packed = codec.Pack(message, key);
        var back = codec.Unpack(packed, scopes);

        Assert.Equal(Json(message), Json(back));
        Assert.Equal(message.RawLines.ToArray(), back.RawLines.ToArray());
        Assert.Equal(MessageFingerprint.Of(message), MessageFingerprint.Of(back));
        Assert.Equal(key, PackedMessage.ReadKey(packed));
        var header = PackedMessage.ReadHeader(packed);
        Assert.Equal((123_456_789L, MessageFingerprint.Of(message), t, t.AddHours(5)), (header.StateId, header.Fingerprint, header.FirstSeen, header.LastSeen));
        Assert.True(packed.Length < 600, $"{packed.Length} bytes packed");
    }

    [Fact]
    public void A_message_another_refers_to_or_whose_key_would_not_give_its_queue_id_back_stays_an_object()
    {
        var t = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        var handedOn = new TrackedMessage("mail", "postfix", "AAA111", t);
        handedOn.RecipientFor("x@example.org", null).HopQueueId = "BBB222";
        var odd = new TrackedMessage("mail", "postfix", "AAA-111", t);

        Assert.False(PackedMessage.CanPack(handedOn, "AAA111"));
        Assert.False(PackedMessage.CanPack(odd, "AAA?111"));
        Assert.True(PackedMessage.CanPack(new TrackedMessage("mail", "postfix", "AAA111", t), "AAA111"));
    }

    private static string Json(TrackedMessage message) =>
        Convert.ToBase64String(TrackerSnapshot.MessageToBytes(TrackedMessageState.Of(message)));

    private static SortedDictionary<long, string> Saved(MessageTracker tracker) =>
        new(tracker.Snapshot().Messages.ToDictionary(m => m.Id, m => Convert.ToBase64String(TrackerSnapshot.MessageToBytes(m))));

    private static SortedDictionary<long, long> Fingerprints(MessageTracker tracker)
    {
        var all = new SortedDictionary<long, long>();
        foreach (var message in tracker.ReferencedMessages())
        {
            all[message.StateId] = MessageFingerprint.Of(message);
        }

        foreach (var packed in tracker.PackedMessages)
        {
            var header = PackedMessage.ReadHeader(packed);
            all[header.StateId] = header.Fingerprint;
        }

        return all;
    }

    /// <summary>Each emitted message as JSON, with its log lines apart.</summary>
    private sealed class RawLineSink : ITrackingSink
    {
        private readonly MemoryStream _json = new();
        private readonly MessageJsonWriter _writer;

        public RawLineSink() => _writer = new MessageJsonWriter(_json);

        public List<string> RawLines { get; } = [];

        public List<string> Messages
        {
            get
            {
                _writer.Flush();
                return [Encoding.UTF8.GetString(_json.ToArray()), .. RawLines];
            }
        }

        public void OnMessage(TrackedMessage message)
        {
            _writer.OnMessage(message);
            RawLines.Add(Encoding.UTF8.GetString(message.RawLines));
        }

        public void OnReject(RejectRecord reject) => _writer.OnReject(reject);

        public void OnAuthFailure(AuthFailureRecord failure) => _writer.OnAuthFailure(failure);
    }
}
