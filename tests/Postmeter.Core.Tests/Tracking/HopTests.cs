using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>Messages that pass through several queues: content filters, local forwards, relays between instances and hosts.</summary>
public sealed class HopTests
{
    [Fact]
    public void Content_filter_hop_gives_one_message_with_the_final_recipients_of_the_reinjected_queue()
    {
        // Lightmeter 1_bounce_simple.log: submission → amavis (127.0.0.1:10024) → reinjected as 776E41855DB2 → bounced
        // remotely → the NDR A48191855DA0 is delivered back to the sender.
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("1_bounce_simple.log"));

        var m = sink.Single("4AA091855DA0");
        Assert.Equal(["776E41855DB2"], m.Hops);
        Assert.Equal("user@sender.com", m.SaslUsername);
        var hop = Assert.Single(m.Recipients, r => r.HopQueueId is not null);
        Assert.Equal("776E41855DB2", hop.HopQueueId);
        Assert.Equal("127.0.0.1[127.0.0.1]:10024", hop.LastAttempt!.Relay);
        var final = Assert.Single(m.FinalRecipients);
        Assert.Equal("invalid.email@example.com", final.Address);
        Assert.Equal(Fate.Bounced, final.Fate);
        Assert.Equal("mx.example.com[11.22.33.44]:25", final.LastAttempt!.Relay);
        Assert.True(m.ReturnedToSender);
        Assert.Equal(Completion.Removed, m.Completion);
        Assert.Equal(Direction.Outbound, m.Direction);

        Assert.DoesNotContain(sink.Messages, x => x.QueueId == "776E41855DB2");
        var ndr = sink.Single("A48191855DA0");
        // The notification names the message's identity (its first queue), not the hop it bounced from.
        Assert.Equal(m.QueueId, ndr.NotificationOf);
        Assert.Equal(2, sink.Messages.Count);
    }

    [Fact]
    public void A_message_whose_first_queue_lacks_its_message_id_and_size_takes_them_from_its_hop()
    {
        // Lightmeter 6_deferred_message_retry.log: the log begins after 78E8330001C7's cleanup line; its Message-ID and
        // size are logged for the re-injected queue A17F830001CA only (Lightmeter gave message_id: null).
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("6_deferred_message_retry.log"));

        var m = sink.Single("78E8330001C7");
        Assert.Equal(["A17F830001CA"], m.Hops);
        Assert.Equal("000msgid0000@example.com", m.MessageId);
        Assert.Equal("bounces@some.example.com", m.Sender);
        Assert.Equal(2259, m.Size);
    }

    [Fact]
    public void Content_filter_hop_of_a_picked_up_message_keeps_the_original_recipient_on_the_hop()
    {
        // Lightmeter 10_pickup.log: sendmail → amavis with orig_to=<root> → lmtp to dovecot.
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("10_pickup.log"));

        var m = Assert.Single(sink.Messages);
        Assert.Equal("08ACF1541B01", m.QueueId);
        Assert.Equal(MessageOrigin.Pickup, m.Origin);
        Assert.Equal(["AED441541AFC"], m.Hops);
        Assert.Equal("root", Assert.Single(m.Recipients, r => r.HopQueueId == "AED441541AFC").OrigAddress);
        var final = Assert.Single(m.FinalRecipients);
        Assert.Equal("h-06819@h-b4e62aa55116.com", final.Address);
        Assert.Equal("lmtp", final.LastAttempt!.Daemon);
        Assert.Equal(Fate.Sent, final.Fate);
    }

    [Fact]
    public void Content_filter_hop_logged_before_the_reinjected_queue_appears_is_still_linked()
    {
        // Lightmeter 1_bounce_simple.log's lines, with the filter's "queued as" reply logged before smtpd's client line.
        var (sink, _, _) = Track.Text("""
            Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: 4AA091855DA0: client=some.domain.name[1.2.3.4], sasl_method=PLAIN, sasl_username=user@sender.com
            Jun  3 10:40:57 mail postfix/sender-cleanup/cleanup[9709]: 4AA091855DA0: message-id=<ca10035e-2951-bfd5-ec7e-1a5773fce1cd@mail.sender.com>
            Jun  3 10:40:57 mail postfix/qmgr[1005]: 4AA091855DA0: from=<user@sender.com>, size=391, nrcpt=1 (queue active)
            Jun  3 10:40:57 mail postfix/smtp[9710]: 4AA091855DA0: to=<invalid.email@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.23, delays=0.15/0/0/0.08, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 776E41855DB2)
            Jun  3 10:40:57 mail postfix/qmgr[1005]: 4AA091855DA0: removed
            Jun  3 10:40:57 mail postfix/smtpd[9715]: 776E41855DB2: client=localhost[127.0.0.1]
            Jun  3 10:40:57 mail postfix/cleanup[9716]: 776E41855DB2: message-id=<ca10035e-2951-bfd5-ec7e-1a5773fce1cd@mail.sender.com>
            Jun  3 10:40:57 mail postfix/qmgr[1005]: 776E41855DB2: from=<user@sender.com>, size=1111, nrcpt=1 (queue active)
            Jun  3 10:40:59 mail postfix/smtp[9890]: 776E41855DB2: to=<invalid.email@example.com>, relay=mx.example.com[11.22.33.44]:25, delay=1.9, delays=0/0/1.5/0.37, dsn=5.1.1, status=bounced (host mx.example.com[11.22.33.44] said: 550 5.1.1 <invalid.email@example.com> User unknown (in reply to RCPT TO command))
            Jun  3 10:40:59 mail postfix/qmgr[1005]: 776E41855DB2: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal("4AA091855DA0", m.QueueId);
        Assert.Equal(["776E41855DB2"], m.Hops);
        Assert.Equal(Fate.Bounced, Assert.Single(m.FinalRecipients).Fate);
    }

    [Fact]
    public void Content_filter_hop_whose_reinjected_queue_never_appears_counts_the_recipient_as_sent_to_the_filter()
    {
        var (sink, _, _) = Track.Text("""
            Jun  3 10:40:57 mail postfix/submission/smtpd[9708]: 4AA091855DA0: client=some.domain.name[1.2.3.4], sasl_method=PLAIN, sasl_username=user@sender.com
            Jun  3 10:40:57 mail postfix/qmgr[1005]: 4AA091855DA0: from=<user@sender.com>, size=391, nrcpt=1 (queue active)
            Jun  3 10:40:57 mail postfix/smtp[9710]: 4AA091855DA0: to=<invalid.email@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.23, delays=0.15/0/0/0.08, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 776E41855DB2)
            Jun  3 10:40:57 mail postfix/qmgr[1005]: 4AA091855DA0: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Empty(m.Hops);
        var r = Assert.Single(m.FinalRecipients);
        Assert.Null(r.HopQueueId);
        Assert.Equal(Fate.Sent, r.Fate);
    }

    [Fact]
    public void Remote_queued_as_reply_of_a_foreign_server_is_a_normal_sent_delivery()
    {
        // Lightmeter 18_pickup2.log: the relay answered "queued as B0D3C1805DB" — its own queue, not ours.
        var (sink, _, _) = Track.File(FixturePaths.LightmeterSample("18_pickup2.log"));

        var m = Assert.Single(sink.Messages);
        Assert.Equal("81E343F2E2", m.QueueId);
        Assert.Empty(m.Hops);
        var r = Assert.Single(m.Recipients);
        Assert.Null(r.HopQueueId);
        Assert.Equal(Fate.Sent, r.Fate);
        Assert.Equal("mail.relay.example.com[5.79.104.200]:25", r.LastAttempt!.Relay);
        Assert.Equal("250 2.0.0 Ok: queued as B0D3C1805DB", r.LastAttempt.Response);
        Assert.Equal(Direction.Outbound, m.Direction);
    }

    [Fact]
    public void Relay_to_another_host_whose_log_is_read_too_does_not_merge_the_two_hosts_messages()
    {
        // Lightmeter 29_inbound_relayed_message_server_1.log and _server_2.log, merged by time: lightmetermail relays
        // to mail2, which answers "queued as F27E789349" — a queue of mail2, not of lightmetermail.
        var lines = File.ReadLines(FixturePaths.LightmeterSample("29_inbound_relayed_message_server_1.log"))
            .Concat(File.ReadLines(FixturePaths.LightmeterSample("29_inbound_relayed_message_server_2.log")))
            .OrderBy(l => l[..15], StringComparer.Ordinal)
            .ToList();

        var (sink, _, _) = Track.Lines(lines);

        var sent = sink.Single("670FCA58C8");
        Assert.Equal("lightmetermail", sent.Host);
        Assert.Empty(sent.Hops);
        var r = Assert.Single(sent.Recipients);
        Assert.Equal(Fate.Sent, r.Fate);
        Assert.Equal("mail2.example.com[33.33.33.33]:587", r.LastAttempt!.Relay);

        var received = sink.Single("F27E789349");
        Assert.Equal("mail2", received.Host);
        Assert.Equal("gmail-smtp-in.l.google.com[44.44.44.44]:25", Assert.Single(received.Recipients).LastAttempt!.Relay);
    }

    [Fact]
    public void Local_forward_gives_one_message_with_the_forwarded_queue_as_hop()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:30:03 mail postfix/smtpd[28387]: 77B4EF00F1: client=mail.example.org[192.0.2.7]
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 77B4EF00F1: message-id=<offer-1@example.org>
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 77B4EF00F1: from=<news@example.org>, size=2210, nrcpt=1 (queue active)
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 7A1B2F00F5: message-id=<offer-1@example.org>
            Nov 21 22:30:03 mail postfix/local[28416]: 77B4EF00F1: to=<carol@example.net>, orig_to=<sales@example.net>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as 7A1B2F00F5)
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 7A1B2F00F5: from=<news@example.org>, size=2400, nrcpt=1 (queue active)
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 77B4EF00F1: removed
            Nov 21 22:30:04 mail postfix/smtp[28391]: 7A1B2F00F5: to=<carol.private@gmail.com>, orig_to=<carol@example.net>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=0.5, delays=0/0/0.2/0.3, dsn=2.0.0, status=sent (250 2.0.0 OK  1795300204 abc - gsmtp)
            Nov 21 22:30:04 mail postfix/qmgr[28381]: 7A1B2F00F5: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal("77B4EF00F1", m.QueueId);
        Assert.Equal(["7A1B2F00F5"], m.Hops);
        Assert.Equal("7A1B2F00F5", Assert.Single(m.Recipients, r => r.Address == "carol@example.net").HopQueueId);
        var final = Assert.Single(m.FinalRecipients);
        Assert.Equal("carol.private@gmail.com", final.Address);
        Assert.Equal(Fate.Sent, final.Fate);
        Assert.Equal(Direction.Outbound, m.Direction);
    }

    [Fact]
    public void Local_forward_logged_before_the_new_queue_appears_is_still_linked()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:30:03 mail postfix/smtpd[28387]: 77B4EF00F1: client=mail.example.org[192.0.2.7]
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 77B4EF00F1: from=<news@example.org>, size=2210, nrcpt=1 (queue active)
            Nov 21 22:30:03 mail postfix/local[28416]: 77B4EF00F1: to=<carol@example.net>, orig_to=<sales@example.net>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as 7A1B2F00F5)
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 77B4EF00F1: removed
            Nov 21 22:30:03 mail postfix/cleanup[28473]: 7A1B2F00F5: message-id=<offer-1@example.org>
            Nov 21 22:30:03 mail postfix/qmgr[28381]: 7A1B2F00F5: from=<news@example.org>, size=2400, nrcpt=1 (queue active)
            Nov 21 22:30:04 mail postfix/smtp[28391]: 7A1B2F00F5: to=<carol.private@gmail.com>, orig_to=<carol@example.net>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=0.5, delays=0/0/0.2/0.3, dsn=2.0.0, status=deferred (host gmail-smtp-in.l.google.com[142.250.27.26] said: 450 4.2.1 try later (in reply to RCPT TO command))
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal(["7A1B2F00F5"], m.Hops);
        Assert.Equal(Fate.Deferred, Assert.Single(m.FinalRecipients).Fate);
        Assert.Equal(Completion.StillQueued, m.Completion);
    }

    [Fact]
    public void Hop_from_one_instance_into_another_on_the_same_host_is_followed()
    {
        // Multi-instance: postfix-in hands the mail to a filter that re-injects it into postfix-out.
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mx postfix-in/smtpd[100]: 38641F01B0: client=mail.example.org[192.0.2.7]
            Nov 21 22:29:56 mx postfix-in/cleanup[101]: 38641F01B0: message-id=<a@example.org>
            Nov 21 22:29:56 mx postfix-in/qmgr[102]: 38641F01B0: from=<a@example.org>, size=1000, nrcpt=1 (queue active)
            Nov 21 22:29:56 mx postfix-out/smtpd[200]: 8CD7EF01C1: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mx postfix-out/cleanup[201]: 8CD7EF01C1: message-id=<a@example.org>
            Nov 21 22:29:56 mx postfix-out/qmgr[202]: 8CD7EF01C1: from=<a@example.org>, size=1200, nrcpt=1 (queue active)
            Nov 21 22:29:56 mx postfix-in/smtp[103]: 38641F01B0: to=<b@example.net>, relay=127.0.0.1[127.0.0.1]:10025, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 8CD7EF01C1)
            Nov 21 22:29:56 mx postfix-in/qmgr[102]: 38641F01B0: removed
            Nov 21 22:29:57 mx postfix-out/virtual[203]: 8CD7EF01C1: to=<b@example.net>, relay=virtual, delay=0.5, delays=0/0/0/0.5, dsn=2.0.0, status=sent (delivered to maildir)
            Nov 21 22:29:57 mx postfix-out/qmgr[202]: 8CD7EF01C1: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal("postfix-in", m.Instance);
        Assert.Equal(["8CD7EF01C1"], m.Hops);
        var final = Assert.Single(m.FinalRecipients);
        Assert.Equal("virtual", final.LastAttempt!.Daemon);
        Assert.Equal(Fate.Sent, final.Fate);
    }
}
