using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>Refusals, discards and authentication failures, and the separation of hosts and Postfix instances.</summary>
public sealed class RejectDiscardAndScopeTests
{
    [Fact]
    public void Cleanup_header_reject_drops_the_message_and_emits_a_reject_with_code_derived_from_dsn()
    {
        // realpostfix-seed42 lines 176-177
        var (sink, _, tracker) = Track.Text("""
            Nov 21 22:30:03 mail postfix/smtpd[28387]: 08353F00F1: client=unknown[127.0.3.31]
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: reject: header Subject: Cheap meds online - 90% off from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: 5.7.1 Message content rejected (spam)
            """);

        Assert.Empty(sink.Messages);
        Assert.Equal(0, tracker.InFlight);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal("08353F00F1", reject.QueueId);
        Assert.Equal("cleanup", reject.Source);
        Assert.Equal("header", reject.Stage);
        Assert.Equal("550", reject.Code);
        Assert.Equal("5.7.1", reject.Dsn);
        Assert.Equal("Message content rejected (spam)", reject.Reason);
        Assert.Equal("127.0.3.31", reject.ClientIp);
        Assert.Equal("yweber@outlook.com", reject.Sender);
        Assert.Equal("heidi@example.net", reject.Recipient);
        Assert.Equal("mail", reject.Host);
        Assert.Equal(new DateTime(2026, 11, 21, 22, 30, 3, DateTimeKind.Utc), reject.Time);
    }

    [Fact]
    public void Milter_reject_with_temporary_dsn_gets_code_450_and_drops_the_message()
    {
        // Lightmeter 15_milter-reject.log: two milter-reject lines for the same queue.
        var (sink, _, tracker) = Track.File(FixturePaths.LightmeterSample("15_milter-reject.log"));

        Assert.Empty(sink.Messages);
        Assert.Equal(0, tracker.InFlight);
        Assert.Equal(2, sink.Rejects.Count);
        Assert.All(sink.Rejects, r =>
        {
            Assert.Equal("450", r.Code);
            Assert.Equal("4.7.1", r.Dsn);
            Assert.Equal("END-OF-MESSAGE", r.Stage);
            Assert.Equal("B37FD2E05B9", r.QueueId);
            Assert.Equal("Try again later", r.Reason);
        });
    }

    [Fact]
    public void Rcpt_rejects_with_queue_id_keep_the_message_until_the_milter_rejects_it()
    {
        // Lightmeter 17-smtpd-reject-with-milter-reject.log
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("17-smtpd-reject-with-milter-reject.log"));

        Assert.Empty(sink.Messages);
        Assert.Equal(3, sink.Rejects.Count);
        Assert.Equal(["smtpd", "smtpd", "cleanup"], sink.Rejects.Select(r => r.Source));
        Assert.Equal(["RCPT", "RCPT", "END-OF-MESSAGE"], sink.Rejects.Select(r => r.Stage));
        Assert.All(sink.Rejects, r => Assert.Equal("769FF2E0760", r.QueueId));
        Assert.Equal("550", sink.Rejects[2].Code);
    }

    [Fact]
    public void Rcpt_reject_with_queue_id_does_not_drop_the_message_of_the_other_recipients()
    {
        var (sink, _, _) = Track.Lines(RealLogs.LinesAbout(FixturePaths.Seed42, "199BCF022C"));

        var reject = Assert.Single(sink.Rejects);
        Assert.Equal("webmaster2@example.net", reject.Recipient);
        var m = sink.Single("199BCF022C");
        Assert.DoesNotContain(m.Recipients, r => r.Address == "webmaster2@example.net");
        Assert.NotEmpty(m.Recipients);
    }

    [Fact]
    public void Noqueue_rejects_are_emitted_without_queue_id()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]
            Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from app01.example.net[127.0.0.2]: 550 5.1.2 <anthony_moore37@oldcompany.example>: Recipient address rejected: Domain oldcompany.example no longer accepts mail; from=<support@example.net> to=<anthony_moore37@oldcompany.example> proto=ESMTP helo=<app01.example.net>
            Nov 21 22:29:56 mail postfix/smtpd[28387]: lost connection after RCPT from app01.example.net[127.0.0.2]
            Nov 21 22:29:56 mail postfix/smtpd[28387]: disconnect from app01.example.net[127.0.0.2] ehlo=1 mail=1 rcpt=0/1 commands=2/3
            Nov 21 22:29:59 mail postfix/smtpd[28387]: NOQUEUE: reject: MAIL from unknown[127.0.3.14]: 552 5.3.4 Message size exceeds fixed limit; from=<rossi.michelle@gmail.com> proto=ESMTP helo=<smtp6.bulk-host.example>
            """);

        Assert.Empty(sink.Messages);
        Assert.Equal(2, sink.Rejects.Count);
        var rcpt = sink.Rejects[0];
        Assert.Null(rcpt.QueueId);
        Assert.Equal("smtpd", rcpt.Source);
        Assert.Equal("RCPT", rcpt.Stage);
        Assert.Equal("550", rcpt.Code);
        Assert.Equal("5.1.2", rcpt.Dsn);
        Assert.Equal("anthony_moore37@oldcompany.example", rcpt.Recipient);
        Assert.Equal("app01.example.net", rcpt.ClientHost);
        var mail = sink.Rejects[1];
        Assert.Equal("MAIL", mail.Stage);
        Assert.Equal("552", mail.Code);
        Assert.Null(mail.Recipient);
        Assert.Equal("rossi.michelle@gmail.com", mail.Sender);
    }

    [Fact]
    public void Postscreen_reject_is_emitted_with_postscreen_as_source()
    {
        var (sink, _, _) = Track.Text("""
            Jul  8 17:05:18 mail postfix/postscreen[21130]: CONNECT from [1.2.3.4]:55382 to [4.5.6.7]:25
            Jul  8 17:05:24 mail postfix/postscreen[21130]: DNSBL rank 2 for [1.2.3.4]:55382
            Jul  8 17:05:24 mail postfix/postscreen[21130]: NOQUEUE: reject: RCPT from [1.2.3.4]:55382: 550 5.7.1 Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org; from=<spam@example.com>, to=<user@example.net>, proto=ESMTP, helo=<example.com>
            """);

        var r = Assert.Single(sink.Rejects);
        Assert.Equal("postscreen", r.Source);
        Assert.Equal("1.2.3.4", r.ClientIp);
        Assert.Null(r.ClientHost);
        Assert.Equal("user@example.net", r.Recipient);
        Assert.Equal("550", r.Code);
    }

    [Fact]
    public void Cleanup_header_discard_ends_the_message_with_a_discarded_recipient()
    {
        // realpostfix-seed42 lines 426-427
        var (sink, _, tracker) = Track.Text("""
            Nov 21 22:30:10 mail postfix/smtpd[28387]: 9979BF0254: client=unknown[127.0.3.19]
            Nov 21 22:30:10 mail postfix/cleanup[28473]: 9979BF0254: discard: header Subject: [bulk-newsletter] Last chance from unknown[127.0.3.19]; from=<sophie1087@example.org> to=<postmaster@example.net> proto=ESMTP helo=<mail.promo.example>: bulk newsletter dropped by policy
            """);

        var m = sink.Single("9979BF0254");
        Assert.Equal(Completion.Removed, m.Completion);
        Assert.Equal("sophie1087@example.org", m.Sender);
        var r = Assert.Single(m.Recipients);
        Assert.Equal("postmaster@example.net", r.Address);
        Assert.Equal(Fate.Discarded, r.Fate);
        Assert.Equal(new DateTime(2026, 11, 21, 22, 30, 10, DateTimeKind.Utc), r.FateAt);
        Assert.Empty(r.Attempts);
        Assert.Empty(sink.Rejects);
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void Discard_transport_delivery_is_a_discarded_recipient()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:30:10 mail postfix/smtpd[28387]: 9979BF0254: client=unknown[127.0.3.19]
            Nov 21 22:30:10 mail postfix/qmgr[28381]: 9979BF0254: from=<sophie1087@example.org>, size=1500, nrcpt=1 (queue active)
            Nov 21 22:30:10 mail postfix/discard[28599]: 9979BF0254: to=<postmaster@example.net>, relay=none, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (example.net)
            Nov 21 22:30:10 mail postfix/qmgr[28381]: 9979BF0254: removed
            """);

        var r = Assert.Single(sink.Single("9979BF0254").Recipients);
        Assert.Equal(Fate.Discarded, r.Fate);
        Assert.Equal("discard", r.LastAttempt!.Daemon);
    }

    [Fact]
    public void Hold_marks_the_message_held_and_it_stays_queued()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:30:03 mail postfix/smtpd[28387]: 08353F00F1: client=unknown[127.0.3.31]
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: hold: header Subject: Invoice from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: held for review
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: message-id=<invoice@outlook.com>
            """);

        var m = sink.Single("08353F00F1");
        Assert.True(m.Held);
        Assert.Equal(Completion.StillQueued, m.Completion);
        Assert.Equal("invoice@outlook.com", m.MessageId);
    }

    [Fact]
    public void Sasl_failures_are_emitted_as_auth_failures()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:57 mail postfix/submission/smtpd[28394]: warning: unknown[127.0.3.208]: SASL LOGIN authentication failed: authentication failure, sasl_username=admin
            Nov 21 22:30:06 mail postfix/submission/smtpd[28394]: warning: SASL authentication failure: Password verification failed
            Jan 26 15:50:22 mx postfix/submission/smtpd[27009]: warning: unknown[112.95.43.75]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
            """);

        Assert.Equal(2, sink.AuthFailures.Count);
        var a = sink.AuthFailures[0];
        Assert.Equal("127.0.3.208", a.ClientIp);
        Assert.Equal("admin", a.Username);
        Assert.Equal("LOGIN", a.Mechanism);
        Assert.Equal("authentication failure", a.Reason);
        Assert.Equal("mail", a.Host);
        var b = sink.AuthFailures[1];
        Assert.Equal("mx", b.Host);
        Assert.Null(b.Username);
        Assert.Equal("UGFzc3dvcmQ6", b.Reason);
    }

    [Fact]
    public void Same_queue_id_on_two_hosts_gives_two_messages_that_never_mix()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mx1 postfix/smtpd[100]: 38641F01B0: client=a.example.org[192.0.2.1]
            Nov 21 22:29:56 mx2 postfix/smtpd[200]: 38641F01B0: client=b.example.org[192.0.2.2]
            Nov 21 22:29:56 mx1 postfix/cleanup[101]: 38641F01B0: message-id=<one@a.example.org>
            Nov 21 22:29:56 mx2 postfix/cleanup[201]: 38641F01B0: message-id=<two@b.example.org>
            Nov 21 22:29:56 mx1 postfix/qmgr[102]: 38641F01B0: from=<alice@a.example.org>, size=100, nrcpt=1 (queue active)
            Nov 21 22:29:56 mx2 postfix/qmgr[202]: 38641F01B0: from=<bob@b.example.org>, size=200, nrcpt=1 (queue active)
            Nov 21 22:29:57 mx1 postfix/smtp[103]: 38641F01B0: to=<x@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)
            Nov 21 22:29:57 mx2 postfix/smtp[203]: 38641F01B0: to=<y@yahoo.com>, relay=mta6.am0.yahoodns.net[67.195.204.72]:25, delay=1, delays=0/0/0.5/0.5, dsn=4.7.1, status=deferred (host mta6.am0.yahoodns.net[67.195.204.72] said: 421 4.7.1 try later (in reply to MAIL FROM command))
            Nov 21 22:29:57 mx1 postfix/qmgr[102]: 38641F01B0: removed
            """);

        Assert.Equal(2, sink.Messages.Count);
        var one = Assert.Single(sink.Messages, m => m.Host == "mx1");
        var two = Assert.Single(sink.Messages, m => m.Host == "mx2");
        Assert.Equal(("one@a.example.org", "alice@a.example.org", 100L, "192.0.2.1"), (one.MessageId, one.Sender, one.Size!.Value, one.ClientIp));
        Assert.Equal(("two@b.example.org", "bob@b.example.org", 200L, "192.0.2.2"), (two.MessageId, two.Sender, two.Size!.Value, two.ClientIp));
        Assert.Equal("x@gmail.com", Assert.Single(one.Recipients).Address);
        Assert.Equal(Fate.Sent, one.Recipients[0].Fate);
        Assert.Equal(Completion.Removed, one.Completion);
        Assert.Equal("y@yahoo.com", Assert.Single(two.Recipients).Address);
        Assert.Equal(Fate.Deferred, two.Recipients[0].Fate);
        Assert.Equal(Completion.StillQueued, two.Completion);
    }

    [Fact]
    public void Same_queue_id_in_two_instances_of_one_host_gives_two_messages_that_never_mix()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mx postfix-in/smtpd[100]: 38641F01B0: client=a.example.org[192.0.2.1]
            Nov 21 22:29:56 mx postfix-out/pickup[200]: 38641F01B0: uid=0 from=<root@mx.example.net>
            Nov 21 22:29:56 mx postfix-in/qmgr[102]: 38641F01B0: from=<alice@a.example.org>, size=100, nrcpt=1 (queue active)
            Nov 21 22:29:56 mx postfix-out/qmgr[202]: 38641F01B0: from=<root@mx.example.net>, size=200, nrcpt=1 (queue active)
            Nov 21 22:29:57 mx postfix-in/local[103]: 38641F01B0: to=<bob@mx.example.net>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 21 22:29:57 mx postfix-out/smtp[203]: 38641F01B0: to=<y@yahoo.com>, relay=mta6.am0.yahoodns.net[67.195.204.72]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mta6.am0.yahoodns.net[67.195.204.72] said: 554 no such user (in reply to RCPT TO command))
            Nov 21 22:29:57 mx postfix-in/qmgr[102]: 38641F01B0: removed
            Nov 21 22:29:57 mx postfix-out/qmgr[202]: 38641F01B0: removed
            """);

        Assert.Equal(2, sink.Messages.Count);
        var inbound = Assert.Single(sink.Messages, m => m.Instance == "postfix-in");
        var outbound = Assert.Single(sink.Messages, m => m.Instance == "postfix-out");
        Assert.Equal(MessageOrigin.Smtp, inbound.Origin);
        Assert.Equal("alice@a.example.org", inbound.Sender);
        Assert.Equal(Fate.Sent, Assert.Single(inbound.Recipients).Fate);
        Assert.Equal(MessageOrigin.Pickup, outbound.Origin);
        Assert.Equal("root@mx.example.net", outbound.Sender);
        Assert.Equal(Fate.Bounced, Assert.Single(outbound.Recipients).Fate);
        Assert.All(sink.Messages, m => Assert.Equal(Completion.Removed, m.Completion));
    }
}
