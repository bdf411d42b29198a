using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>How one message's lines become one tracked message: fates, completion, queue id reuse, partial logs.</summary>
public sealed class MessageLifecycleTests
{
    [Fact]
    public void Deferred_then_sent_recipient_is_sent_with_two_attempts()
    {
        var (sink, _, _) = Track.Lines(RealLogs.LinesAbout(FixturePaths.Seed42, "92E8CF0062"));

        var m = sink.Single("92E8CF0062");
        var r = Assert.Single(m.Recipients, x => x.Address == "grodriguez@posteo.de");
        Assert.Equal(Fate.Sent, r.Fate);
        Assert.Equal(2, r.Attempts.Count);
        Assert.Equal(1, r.DeferralCount);
        Assert.Equal([DeliveryStatus.Deferred, DeliveryStatus.Sent], r.Attempts.Select(a => a.Status));
        Assert.Equal(new DateTime(2026, 11, 21, 22, 30, 36, DateTimeKind.Utc), r.FateAt);
        Assert.Equal(Completion.Removed, m.Completion);
        Assert.Equal(5, m.Recipients.Count);
        Assert.All(m.Recipients, x => Assert.Equal(Fate.Sent, x.Fate));
    }

    [Fact]
    public void Message_received_over_smtp_keeps_client_message_id_sender_and_size()
    {
        var (sink, _, _) = Track.Lines(RealLogs.LinesAbout(FixturePaths.Seed42, "8CD7EF01C1"));

        var m = sink.Single("8CD7EF01C1");
        Assert.Equal(MessageOrigin.Smtp, m.Origin);
        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc), m.ReceivedAt);
        Assert.Equal("127.0.4.140", m.ClientIp);
        Assert.Equal("unknown", m.ClientHost);
        Assert.Equal("carol@example.net", m.SaslUsername);
        Assert.Equal("20261121222956.3.ed64671264@mail.example.net", m.MessageId);
        Assert.Equal("carol@example.net", m.Sender);
        Assert.Equal(824, m.Size);
        Assert.Equal(1, m.RecipientCount);
        Assert.Equal(Direction.Outbound, m.Direction);
        var r = Assert.Single(m.Recipients);
        Assert.Equal("anderson.thomas@googlemail.com", r.Address);
        Assert.Equal(Fate.Sent, r.Fate);
        Assert.Equal("gmail-smtp-in.l.google.com[127.0.0.10]:25", r.LastAttempt!.Relay);
        Assert.Equal("smtp", r.LastAttempt.Daemon);
    }

    [Fact]
    public void Message_whose_removed_line_never_appears_is_still_queued_at_the_end_with_its_deferred_recipient_deferred()
    {
        // realpostfix-seed42 lines 97-110: the first delivery round of 564D6F01D1, the log cut before its retries.
        var (sink, _, tracker) = Track.Text("""
            Nov 21 22:29:59 mail postfix/smtpd[28387]: 564D6F01D1: client=app01.example.net[127.0.0.2]
            Nov 21 22:29:59 mail postfix/cleanup[28390]: 564D6F01D1: message-id=<20261121222959.16.50c31195b2@mail.example.net>
            Nov 21 22:29:59 mail postfix/qmgr[28381]: 564D6F01D1: from=<bob@example.net>, size=3182, nrcpt=5 (queue active)
            Nov 21 22:29:59 mail postfix/smtpd[28387]: disconnect from app01.example.net[127.0.0.2] ehlo=1 mail=1 rcpt=5 data=1 quit=1 commands=9
            Nov 21 22:29:59 mail postfix/local[28416]: 564D6F01D1: to=<bob@example.net>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 21 22:29:59 mail postfix/virtual[28412]: 564D6F01D1: to=<sales@example.com>, relay=virtual, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to maildir)
            Nov 21 22:29:59 mail postfix/smtp[28400]: 564D6F01D1: to=<emily_ivanova87@me.com>, relay=mx01.mail.icloud.com[127.0.0.21]:25, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host mx01.mail.icloud.com[127.0.0.21] said: 550 5.1.1 user does not exist (in reply to RCPT TO command))
            Nov 21 22:29:59 mail postfix/smtp[28400]: 564D6F01D1: to=<carolr@inbox.ru>, relay=mxs.mail.ru[127.0.0.24]:25, delay=0.01, delays=0/0.01/0/0, dsn=4.0.0, status=deferred (host mxs.mail.ru[127.0.0.24] refused to talk to me: 421 4.0.0 Server closing connection)
            Nov 21 22:29:59 mail postfix/smtp[28391]: 564D6F01D1: to=<karenm@gmail.com>, relay=gmail-smtp-in.l.google.com[127.0.0.10]:25, delay=0.05, delays=0/0/0.01/0.04, dsn=2.0.0, status=sent (250 2.0.0 OK  1795300199 py8vyif6wdg1.343420 - gsmtp)
            Nov 21 22:29:59 mail postfix/cleanup[28390]: 63C23F01D7: message-id=<20261121222959.63C23F01D7@mail.example.net>
            Nov 21 22:29:59 mail postfix/bounce[28415]: 564D6F01D1: sender non-delivery notification: 63C23F01D7
            Nov 21 22:29:59 mail postfix/qmgr[28381]: 63C23F01D7: from=<>, size=5169, nrcpt=1 (queue active)
            Nov 21 22:29:59 mail postfix/local[28416]: 63C23F01D7: to=<bob@example.net>, relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 21 22:29:59 mail postfix/qmgr[28381]: 63C23F01D7: removed
            """);

        var m = sink.Single("564D6F01D1");
        Assert.Equal(Completion.StillQueued, m.Completion);
        Assert.Null(m.ExpiredAt);
        Assert.Equal(Fate.Deferred, m.Recipients.Single(r => r.Address == "carolr@inbox.ru").Fate);
        Assert.Equal(Fate.Bounced, m.Recipients.Single(r => r.Address == "emily_ivanova87@me.com").Fate);
        Assert.Equal(Fate.Sent, m.Recipients.Single(r => r.Address == "karenm@gmail.com").Fate);
        Assert.Equal(Fate.Sent, m.Recipients.Single(r => r.Address == "bob@example.net").Fate);
        Assert.Equal(Fate.Sent, m.Recipients.Single(r => r.Address == "sales@example.com").Fate);
        Assert.True(m.ReturnedToSender);

        var ndr = sink.Single("63C23F01D7");
        Assert.Equal(Completion.Removed, ndr.Completion);
        Assert.Equal("564D6F01D1", ndr.NotificationOf);
        Assert.Equal(NotificationKind.SenderNonDelivery, ndr.NotificationKind);
        Assert.Equal(MessageOrigin.Internal, ndr.Origin);
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void Log_starting_mid_message_creates_the_message_from_its_delivery_with_unknown_arrival()
    {
        var (sink, _, tracker) = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[127.0.0.10]:25, delay=0.06, delays=0.01/0.01/0/0.04, dsn=2.0.0, status=sent (250 2.0.0 OK  1795300196 pqzit3uea3ge.663750 - gsmtp)
            Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed
            Nov 21 22:29:56 mail postfix/qmgr[28381]: 8CD7EF01C1: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal("38641F01B0", m.QueueId);
        Assert.Null(m.ReceivedAt);
        Assert.Equal(MessageOrigin.Unknown, m.Origin);
        Assert.Null(m.Sender);
        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc), m.FirstSeen);
        Assert.Equal(Completion.Removed, m.Completion);
        Assert.Equal(Fate.Sent, Assert.Single(m.Recipients).Fate);
        Assert.Equal(1, tracker.OrphanLines);
    }

    [Fact]
    public void Log_starting_at_a_retry_takes_the_sender_from_the_queue_active_line()
    {
        // realpostfix-seed42: the retries of 564D6F01D1 only (from line 1200 on).
        var lines = RealLogs.LinesAbout(FixturePaths.Seed42, "564D6F01D1").Where(l => string.CompareOrdinal(l, "Nov 21 22:30:36") >= 0).ToList();
        Assert.StartsWith("Nov 21 22:30:36 mail postfix/qmgr[28381]: 564D6F01D1: from=<bob@example.net>", lines[0], StringComparison.Ordinal);

        var (sink, _, _) = Track.Lines(lines);

        var m = sink.Single("564D6F01D1");
        Assert.Null(m.ReceivedAt);
        Assert.Equal(MessageOrigin.Unknown, m.Origin);
        Assert.Equal("bob@example.net", m.Sender);
        Assert.Equal(3182, m.Size);
        var r = Assert.Single(m.Recipients);
        Assert.Equal("carolr@inbox.ru", r.Address);
        Assert.Equal(Fate.Expired, r.Fate);
        Assert.Equal(Completion.Removed, m.Completion);
    }

    [Fact]
    public void Expired_message_has_expired_recipients_is_returned_to_sender_and_its_ndr_names_it()
    {
        var (sink, _, _) = Track.File(FixturePaths.Seed42);

        var m = sink.Single("564D6F01D1");
        Assert.Equal(new DateTime(2026, 11, 21, 22, 33, 16, DateTimeKind.Utc), m.ExpiredAt);
        Assert.True(m.ReturnedToSender);
        Assert.Equal(Completion.Removed, m.Completion);
        var expired = m.Recipients.Single(r => r.Address == "carolr@inbox.ru");
        Assert.Equal(Fate.Expired, expired.Fate);
        Assert.Equal(6, expired.DeferralCount);
        Assert.Equal(m.ExpiredAt, expired.FateAt);
        Assert.Equal(Fate.Bounced, m.Recipients.Single(r => r.Address == "emily_ivanova87@me.com").Fate);
        Assert.Equal(Fate.Sent, m.Recipients.Single(r => r.Address == "karenm@gmail.com").Fate);

        var ndr = sink.Single("0B2BEF003B");
        Assert.Equal("564D6F01D1", ndr.NotificationOf);
        Assert.Equal(NotificationKind.SenderNonDelivery, ndr.NotificationKind);
        Assert.Equal("bob@example.net", Assert.Single(ndr.Recipients).Address);
        var delay = sink.Single("EAB0AF0047");
        Assert.Equal("564D6F01D1", delay.NotificationOf);
        Assert.Equal(NotificationKind.Delay, delay.NotificationKind);
    }

    [Fact]
    public void Expired_message_of_a_multi_instance_host_is_expired_and_linked_to_its_ndr()
    {
        // Lightmeter 18_expired.log: 23EBE3D5C0 arrives from a local relay hop, retries for five days, then expires.
        var (sink, stats, _) = Track.File(FixturePaths.LightmeterSample("18_expired.log"));

        var root = Assert.Single(sink.Messages, m => m.Hops.Contains("23EBE3D5C0"));
        Assert.Equal("20B4E3D5BD", root.QueueId);
        Assert.True(root.ReturnedToSender);
        var r = Assert.Single(root.FinalRecipients);
        Assert.Equal("h-664d01@h-695da2287.com", r.Address);
        Assert.Equal(Fate.Expired, r.Fate);
        Assert.Equal(5, r.DeferralCount);
        Assert.Equal(new DateTime(2026, 9, 30, 20, 46, 8, DateTimeKind.Utc), r.FateAt);

        var ndr = sink.Single("A7E673C067");
        Assert.Equal("20B4E3D5BD", ndr.NotificationOf);
        Assert.Equal("postfix-239.58.50.50", ndr.Instance);
        Assert.Equal(Fate.Sent, Assert.Single(ndr.Recipients).Fate);
        Assert.Equal(1, stats.Malformed);
    }

    [Fact]
    public void Force_expired_message_is_expired()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:58 mail postfix/smtpd[28387]: C6915F0095: client=localhost[127.0.0.1]
            Nov 21 22:29:58 mail postfix/cleanup[28390]: C6915F0095: message-id=<20261121222958.12.7ea3218158@mail.example.net>
            Nov 21 22:29:58 mail postfix/qmgr[28381]: C6915F0095: from=<sales@example.com>, size=11146, nrcpt=1 (queue active)
            Nov 21 22:29:58 mail postfix/smtp[28400]: C6915F0095: to=<joseph.thomas@web.de>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to mx-ha03.web.de[127.0.0.23]:25: Connection refused)
            Nov 21 23:10:00 mail postfix/qmgr[28381]: C6915F0095: from=<sales@example.com>, status=force-expired, returned to sender
            Nov 21 23:10:00 mail postfix/cleanup[28390]: 0ED4BF003B: message-id=<20261121231000.0ED4BF003B@mail.example.net>
            Nov 21 23:10:00 mail postfix/bounce[29121]: C6915F0095: sender non-delivery notification: 0ED4BF003B
            Nov 21 23:10:00 mail postfix/qmgr[28381]: C6915F0095: removed
            """);

        var m = sink.Single("C6915F0095");
        Assert.Equal(Fate.Expired, Assert.Single(m.Recipients).Fate);
        Assert.True(m.ReturnedToSender);
        Assert.Equal("C6915F0095", sink.Single("0ED4BF003B").NotificationOf);
    }

    [Fact]
    public void Notification_logged_before_the_cleanup_line_of_its_queue_as_postfix_3_11_does_is_still_linked()
    {
        // realpostfix-longqid lines 4-14 with the bounce line moved before cleanup's line for the new queue.
        var (sink, _, _) = Track.Text("""
            Nov 22 01:38:07 mail postfix/smtpd[3680]: 4jXBXv3Gb4z6HL0: client=localhost[127.0.0.1]
            Nov 22 01:38:07 mail postfix/cleanup[3683]: 4jXBXv3Gb4z6HL0: message-id=<20261122013807.1.a6f1fbda0e@mail.example.net>
            Nov 22 01:38:07 mail postfix/qmgr[3674]: 4jXBXv3Gb4z6HL0: from=<bob@example.net>, size=4597, nrcpt=1 (queue active)
            Nov 22 01:38:07 mail postfix/smtp[3684]: 4jXBXv3Gb4z6HL0: to=<david_taylor51@nomail.example>, relay=none, delay=0.02, delays=0.01/0.01/0/0, dsn=5.1.0, status=bounced (Domain nomail.example does not accept mail (nullMX))
            Nov 22 01:38:07 mail postfix/bounce[3686]: 4jXBXv3Gb4z6HL0: sender non-delivery notification: 4jXBXv3RNRz6HL4
            Nov 22 01:38:07 mail postfix/cleanup[3683]: 4jXBXv3RNRz6HL4: message-id=<4jXBXv3RNRz6HL4@mail.example.net>
            Nov 22 01:38:07 mail postfix/qmgr[3674]: 4jXBXv3RNRz6HL4: from=<>, size=6566, nrcpt=1 (queue active)
            Nov 22 01:38:07 mail postfix/qmgr[3674]: 4jXBXv3Gb4z6HL0: removed
            Nov 22 01:38:07 mail postfix/local[3687]: 4jXBXv3RNRz6HL4: to=<bob@example.net>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 22 01:38:07 mail postfix/qmgr[3674]: 4jXBXv3RNRz6HL4: removed
            """);

        var parent = sink.Single("4jXBXv3Gb4z6HL0");
        Assert.True(parent.ReturnedToSender);
        Assert.Equal(Fate.Bounced, Assert.Single(parent.Recipients).Fate);
        var ndr = sink.Single("4jXBXv3RNRz6HL4");
        Assert.Equal("4jXBXv3Gb4z6HL0", ndr.NotificationOf);
        Assert.Equal(NotificationKind.SenderNonDelivery, ndr.NotificationKind);
        Assert.Equal(MessageOrigin.Internal, ndr.Origin);
        Assert.Equal("4jXBXv3RNRz6HL4@mail.example.net", ndr.MessageId);
        Assert.Equal(2, sink.Messages.Count);
    }

    [Fact]
    public void Notification_logged_after_the_cleanup_line_as_before_postfix_3_11_is_linked()
    {
        var (sink, _, _) = Track.Lines(RealLogs.LinesAbout(FixturePaths.LongQueueIds, "4jXBXv3Gb4z6HL0", "4jXBXv3RNRz6HL4"));

        var ndr = sink.Single("4jXBXv3RNRz6HL4");
        Assert.Equal("4jXBXv3Gb4z6HL0", ndr.NotificationOf);
        Assert.True(sink.Single("4jXBXv3Gb4z6HL0").ReturnedToSender);
    }

    [Fact]
    public void Reused_queue_id_gives_two_separate_messages()
    {
        // Lightmeter 14_reuse_of_queueid.log: BABABABABA is first the relay hop of DADADADADA (01:24:11), then, a
        // minute later, a new message of its own that hops on to CACACACACACA.
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("14_reuse_of_queueid.log"));

        var first = sink.Single("DADADADADA");
        Assert.Equal(["BABABABABA"], first.Hops);
        var firstFinal = Assert.Single(first.FinalRecipients);
        Assert.Equal("h-4037cdee42da82c8d@h-526472e87.com", firstFinal.Address);
        Assert.Equal("gmail-smtp-in.h-1e99c9eeac07[180.50.229.68]:25", firstFinal.LastAttempt!.Relay);
        Assert.Equal(Fate.Sent, firstFinal.Fate);

        var second = sink.Single("BABABABABA");
        Assert.Equal(new DateTime(2026, 9, 4, 1, 25, 12, DateTimeKind.Utc), second.ReceivedAt);
        Assert.Equal("h-ae29580097c1f26a25dab61b5e690cfd@h-5e67b9b4406.com", second.MessageId);
        Assert.Equal("h-e65bbe8f9ea3a961d1ac28b1c0971@h-5e67b9b4406.com", second.Sender);
        Assert.Equal(["CACACACACACA"], second.Hops);
        var secondFinal = Assert.Single(second.FinalRecipients);
        Assert.Equal("h-629de2eeab377@h-05c3ae107.com", secondFinal.Address);
        Assert.Equal("h-2b8e6720.h-f9671944adb7[165.229.55.20]:25", secondFinal.LastAttempt!.Relay);
        Assert.Equal(Completion.Removed, second.Completion);

        Assert.DoesNotContain(first.Recipients, r => r.Address == "h-629de2eeab377@h-05c3ae107.com");
        Assert.DoesNotContain(sink.Messages, m => m.QueueId == "CACACACACACA");
    }

    [Fact]
    public void Queue_id_reused_before_the_first_message_was_removed_marks_the_first_lost()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: message-id=<first@mail.example.net>
            Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: from=<sales@example.com>, size=8575, nrcpt=1 (queue active)
            Nov 21 22:40:00 mail postfix/smtpd[28387]: 38641F01B0: client=app01.example.net[127.0.0.2]
            Nov 21 22:40:00 mail postfix/cleanup[28390]: 38641F01B0: message-id=<second@mail.example.net>
            Nov 21 22:40:00 mail postfix/qmgr[28381]: 38641F01B0: from=<support@example.net>, size=100, nrcpt=1 (queue active)
            Nov 21 22:40:01 mail postfix/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[127.0.0.10]:25, delay=0.06, delays=0.01/0.01/0/0.04, dsn=2.0.0, status=sent (250 2.0.0 OK)
            Nov 21 22:40:01 mail postfix/qmgr[28381]: 38641F01B0: removed
            """);

        Assert.Equal(2, sink.Messages.Count);
        var first = Assert.Single(sink.Messages, m => m.MessageId == "first@mail.example.net");
        var second = Assert.Single(sink.Messages, m => m.MessageId == "second@mail.example.net");
        Assert.Equal(Completion.Lost, first.Completion);
        Assert.Empty(first.Recipients);
        Assert.Equal("sales@example.com", first.Sender);
        Assert.Equal(Completion.Removed, second.Completion);
        Assert.Equal("support@example.net", second.Sender);
        Assert.Equal(Fate.Sent, Assert.Single(second.Recipients).Fate);
    }

    [Fact]
    public void Address_verification_probe_is_not_a_delivery()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:58 mail postfix/cleanup[28390]: F2A72F01C3: message-id=<20261121222958.F2A72F01C3@mail.example.net>
            Nov 21 22:29:58 mail postfix/qmgr[28381]: F2A72F01C3: from=<double-bounce@mail.example.net>, size=272, nrcpt=1 (queue active)
            Nov 21 22:29:58 mail postfix/virtual[28412]: F2A72F01C3: to=<sales@example.com>, relay=virtual, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=deliverable (delivers to maildir)
            Nov 21 22:29:58 mail postfix/qmgr[28381]: F2A72F01C3: removed
            """);

        var m = sink.Single("F2A72F01C3");
        Assert.Empty(m.Recipients);
        Assert.Equal(Completion.Removed, m.Completion);
    }

    [Fact]
    public void Softbounce_recipient_is_deferred_and_counts_as_a_deferral()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:58 mail postfix/smtpd[28387]: 4363BF01C3: client=localhost[127.0.0.1]
            Nov 21 22:29:58 mail postfix/qmgr[28381]: 4363BF01C3: from=<sales@example.com>, size=1000, nrcpt=1 (queue active)
            Nov 21 22:29:58 mail postfix/smtp[28391]: 4363BF01C3: to=<karen.fischer@yahoo.com>, relay=mta6.am0.yahoodns.net[67.195.204.72]:25, delay=0.6, delays=0/0/0.3/0.3, dsn=5.0.0, status=SOFTBOUNCE (host mta6.am0.yahoodns.net[67.195.204.72] said: 554 delivery error (in reply to end of DATA command))
            """);

        var r = Assert.Single(sink.Single("4363BF01C3").Recipients);
        Assert.Equal(Fate.Deferred, r.Fate);
        Assert.Equal(1, r.DeferralCount);
        Assert.Equal(DeliveryStatus.SoftBounce, r.LastAttempt!.Status);
    }

    [Fact]
    public void Postfix_3_11_tls_field_is_kept_on_the_attempt()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=0.96, delays=0.01/0.01/0.45/0.49, tls=may:none, dsn=2.0.0, status=sent (250 2.0.0 OK)
            Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed
            """);

        var attempt = Assert.Single(sink.Single("38641F01B0").Recipients).LastAttempt!;
        Assert.Equal("may:none", attempt.Tls);
        Assert.Equal("2.0.0", attempt.Dsn);
        Assert.Equal(DeliveryStatus.Sent, attempt.Status);
        Assert.Equal("250 2.0.0 OK", attempt.Response);
    }

    [Fact]
    public void Pickup_submission_is_a_local_origin_message()
    {
        var (sink, _, _) = Track.Lines(RealLogs.LinesAbout(FixturePaths.Seed42, "DC9C6F0236"));

        var m = sink.Single("DC9C6F0236");
        Assert.Equal(MessageOrigin.Pickup, m.Origin);
        Assert.Equal("root@example.net", m.Sender);
        var r = Assert.Single(m.Recipients);
        Assert.Equal("alice@example.net", r.Address);
        Assert.Equal("root@example.net", r.OrigAddress);
        Assert.Equal(Direction.Local, m.Direction);
    }

    [Fact]
    public void Every_seed42_message_with_a_removed_line_is_emitted_once()
    {
        var removed = File.ReadLines(FixturePaths.Seed42)
            .Where(l => l.EndsWith(": removed", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[5].TrimEnd(':'))
            .ToHashSet();

        var (sink, stats, tracker) = Track.File(FixturePaths.Seed42);

        var emitted = sink.Messages.SelectMany(m => m.Hops.Prepend(m.QueueId)).ToList();
        Assert.Equal(emitted.Count, emitted.Distinct().Count());
        Assert.Subset(emitted.ToHashSet(), removed);
        Assert.Equal(0, stats.Malformed);
        Assert.Equal(0, tracker.InFlight);
    }
}
