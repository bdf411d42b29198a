using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>
/// Line kinds that none of the real logs at hand contain (Postfix 3.11 fields, soft_bounce, probes, postscreen
/// rejects, multi-instance names other than an IP, …). Each line is written from the Postfix source's format string
/// (<c>global/log_adhoc.c</c>, <c>bounce/*.c</c>, <c>postscreen/*.c</c>, <c>qmgr/qmgr_active.c</c>,
/// <c>cleanup/cleanup_message.c</c>), in the shape of the real lines around it.
/// </summary>
public sealed class SourceShapedLineTests
{
    [Fact]
    public void Postfix_3_11_tls_field_between_delays_and_dsn_is_read_and_does_not_hide_dsn()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=0.96, delays=0.01/0.01/0.45/0.49, tls=may:none, dsn=2.0.0, status=sent (250 2.0.0 OK  1795300196 pqzit3uea3ge.663750 - gsmtp)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("may:none", p.Tls);
        Assert.Equal("2.0.0", p.Dsn);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("gmail-smtp-in.l.google.com[142.250.27.26]:25", p.Relay);
        Assert.Equal(0.96, p.Delay, 6);
    }

    [Fact]
    public void Postfix_3_11_tls_policy_violation_value_is_kept_verbatim()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=0.5, delays=0/0/0.3/0.2, tls=xxx/!requiretls:nostarttls, dsn=4.7.10, status=deferred (TLS is required, but was not offered by host mx.example.org[192.0.2.25])");

        Assert.Equal("xxx/!requiretls:nostarttls", p.Tls);
        Assert.Equal("4.7.10", p.Dsn);
        Assert.Equal(DeliveryStatus.Deferred, p.Status);
    }

    [Fact]
    public void Ipv6_relay_is_kept_whole_with_its_port()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/lmtp[28391]: 38641F01B0: to=<bob@example.net>, relay=localhost[::1]:24, delay=0.02, delays=0.01/0/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 <bob@example.net> Saved)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("localhost[::1]:24", p.Relay);
        Assert.Equal("2.0.0", p.Dsn);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
    }

    [Fact]
    public void Ipv6_relay_with_full_address_is_kept_whole()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<u@example.org>, relay=mx.example.org[2001:db8:0:1::25]:25, delay=1.1, delays=0.1/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx.example.org[2001:db8:0:1::25] said: 550 5.1.1 <u@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))");

        Assert.Equal("mx.example.org[2001:db8:0:1::25]:25", p.Relay);
        Assert.Equal(DeliveryStatus.Bounced, p.Status);
    }

    [Fact]
    public void Softbounce_status_is_soft_bounce()
    {
        var p = ParsedLine.Of("Nov 21 22:29:58 mail postfix/smtp[28391]: 4363BF01C3: to=<karen.fischer@yahoo.com>, relay=mta6.am0.yahoodns.net[67.195.204.72]:25, delay=0.6, delays=0/0/0.3/0.3, dsn=5.0.0, status=SOFTBOUNCE (host mta6.am0.yahoodns.net[67.195.204.72] said: 554 delivery error: dd This user doesn't have a yahoo.com account (in reply to end of DATA command))");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal(DeliveryStatus.SoftBounce, p.Status);
        Assert.Equal("5.0.0", p.Dsn);
    }

    [Theory]
    [InlineData("deliverable (delivers to maildir)", DeliveryStatus.Deliverable)]
    [InlineData("undeliverable (unknown user: \"nobody\")", DeliveryStatus.Undeliverable)]
    [InlineData("undeliverable-but-not-cached (host mx.example.org[192.0.2.25] said: 550 5.1.1 unknown)", DeliveryStatus.Undeliverable)]
    public void Address_verification_probe_results_are_recognised(string status, DeliveryStatus expected)
    {
        var p = ParsedLine.Of("Nov 21 22:29:58 mail postfix/virtual[28412]: F2A72F01C3: to=<sales@example.com>, relay=virtual, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=" + status);

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal(expected, p.Status);
    }

    [Fact]
    public void Discard_transport_delivery_is_a_sent_delivery_by_discard()
    {
        var p = ParsedLine.Of("Nov 21 22:30:10 mail postfix/discard[28599]: 9979BF0254: to=<postmaster@example.net>, relay=none, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (example.net)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("discard", p.Daemon);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("example.net", p.EventText);
    }

    [Fact]
    public void Local_forward_is_a_sent_delivery_whose_text_names_the_new_queue()
    {
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/local[28416]: 77B4EF00F1: to=<carol@example.net>, orig_to=<sales@example.net>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as 7A1B2F00F5)");

        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("forwarded as 7A1B2F00F5", p.EventText);
        Assert.Equal("sales@example.net", p.OrigTo);
    }

    [Fact]
    public void Multi_instance_named_instance_gives_instance_and_daemon()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix-out/qmgr[28381]: 38641F01B0: from=<sales@example.com>, size=8575, nrcpt=1 (queue active)");

        Assert.Equal(PostfixEventKind.QueueActive, p.Kind);
        Assert.Equal("postfix-out", p.Instance);
        Assert.Equal("qmgr", p.Daemon);
        Assert.Equal("postfix-out/qmgr", p.Program);
        Assert.Equal(8575, p.Size);
    }

    [Fact]
    public void Multi_instance_renamed_service_keeps_first_part_as_instance_and_last_as_daemon()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix-10.0.0.1/relay/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=0.06, delays=0.01/0.01/0/0.04, dsn=2.0.0, status=sent (250 2.0.0 OK)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("postfix-10.0.0.1", p.Instance);
        Assert.Equal("smtp", p.Daemon);
    }

    [Fact]
    public void Qmgr_force_expired_is_expired_with_its_own_action()
    {
        var p = ParsedLine.Of("Nov 21 22:33:16 mail postfix/qmgr[28381]: 564D6F01D1: from=<bob@example.net>, status=force-expired, returned to sender");

        Assert.Equal(PostfixEventKind.Expired, p.Kind);
        Assert.Equal("force-expired", p.Action);
        Assert.Equal("bob@example.net", p.Address);
        Assert.Equal("returned to sender", p.EventText);
    }

    [Fact]
    public void Postsuper_removed_is_removed()
    {
        var p = ParsedLine.Of("Nov 21 22:35:00 mail postfix/postsuper[30001]: 564D6F01D1: removed");

        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("564D6F01D1", p.QueueId);
    }

    [Theory]
    [InlineData("postmaster non-delivery", NotificationKind.PostmasterNonDelivery)]
    [InlineData("sender delivery status", NotificationKind.Success)]
    public void Bounce_postmaster_and_success_notifications_are_recognised(string what, NotificationKind kind)
    {
        var p = ParsedLine.Of($"Nov 21 22:29:59 mail postfix/bounce[28415]: 564D6F01D1: {what} notification: 63C23F01D7");

        Assert.Equal(PostfixEventKind.Notification, p.Kind);
        Assert.Equal(kind, p.Notification);
        Assert.Equal("564D6F01D1", p.QueueId);
        Assert.Equal("63C23F01D7", p.ChildQueueId);
    }

    [Fact]
    public void Bounce_notification_failed_of_postfix_3_11_is_recognised()
    {
        var p = ParsedLine.Of("Nov 21 22:29:59 mail postfix/bounce[28415]: 564D6F01D1: sender notification failed to bob@example.net: queue file write error");

        Assert.Equal(PostfixEventKind.NotificationFailed, p.Kind);
        Assert.Equal("564D6F01D1", p.QueueId);
        Assert.Contains("bob@example.net", p.EventText, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounce_notification_naming_something_that_is_not_a_queue_id_is_not_a_notification()
    {
        var p = ParsedLine.Of("Nov 21 22:29:59 mail postfix/bounce[28415]: 564D6F01D1: sender non-delivery notification: not-a-queue-id");

        Assert.NotEqual(PostfixEventKind.Notification, p.Kind);
    }

    [Fact]
    public void Cleanup_message_id_with_junk_after_the_bracket_keeps_the_bracketed_part()
    {
        var p = ParsedLine.Of("Jan 26 15:50:21 mx postfix/cleanup[22403]: 1A3642E0C5C: message-id=<20210126155021.GA1234@example.com>+29A6B3C1");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("20210126155021.GA1234@example.com", p.MessageId);
    }

    [Fact]
    public void Cleanup_message_id_with_empty_value_is_an_empty_message_id()
    {
        var p = ParsedLine.Of("Jan 26 15:50:21 mx postfix/cleanup[22403]: 1A3642E0C5C: message-id=");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("1A3642E0C5C", p.QueueId);
        Assert.Equal("", p.MessageId);
    }

    [Fact]
    public void Cleanup_message_id_without_brackets_is_kept_as_is()
    {
        var p = ParsedLine.Of("Jan 25 10:00:05 mx postfix/cleanup[22403]: 1A3642E0C5C: message-id=2021-01-25 10:00:05.006274");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("2021-01-25 10:00:05.006274", p.MessageId);
    }

    [Fact]
    public void Cleanup_body_reject_with_reply_code_gives_body_stage_and_code()
    {
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: reject: body Click here: http://spam.example/x from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: 550 5.7.1 Body rejected");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("body", p.Stage);
        Assert.Equal("550", p.ReplyCode);
        Assert.Equal("5.7.1", p.Dsn);
        Assert.Equal("Body rejected", p.EventText);
        Assert.Equal("heidi@example.net", p.Address);
    }

    [Fact]
    public void Cleanup_header_check_whose_header_value_imitates_the_trailing_fields_is_split_at_the_real_ones()
    {
        // The checked header is attacker text; the real fields are the last ones.
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: reject: header Subject: x; from=<fake@evil.example> to=<fake@evil.example> from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: 5.7.1 Message content rejected");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("yweber@outlook.com", p.Sender);
        Assert.Equal("heidi@example.net", p.Address);
        Assert.Equal("127.0.3.31", p.ClientIp);
    }

    [Fact]
    public void Cleanup_hold_is_a_hold()
    {
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: hold: header Subject: Invoice from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: held for review");

        Assert.Equal(PostfixEventKind.Hold, p.Kind);
        Assert.Equal("08353F00F1", p.QueueId);
        Assert.Equal("held for review", p.EventText);
    }

    [Fact]
    public void Smtpd_timeout_is_a_lost_connection_with_its_stage()
    {
        var p = ParsedLine.Of("Nov 21 22:30:11 mail postfix/smtpd[28387]: timeout after END-OF-MESSAGE from unknown[127.0.3.60]");

        Assert.Equal(PostfixEventKind.SmtpdLostConnection, p.Kind);
        Assert.Equal("END-OF-MESSAGE", p.Stage);
        Assert.Equal("127.0.3.60", p.ClientIp);
    }

    [Fact]
    public void Postscreen_pass_new_is_not_mistaken_for_pass_old()
    {
        var p = ParsedLine.Of("Jul  8 17:05:24 mail postfix/postscreen[21130]: PASS NEW [1.2.3.4]:55382");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("PASS NEW", p.Action);
        Assert.Equal("1.2.3.4", p.ClientIp);
    }

    [Fact]
    public void Postscreen_pregreet_gives_the_client_ip()
    {
        var p = ParsedLine.Of("Jul  8 17:05:19 mail postfix/postscreen[21130]: PREGREET 11 after 0.1 from [1.2.3.4]:55382: EHLO example\\r\\n");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("PREGREET", p.Action);
        Assert.Equal("1.2.3.4", p.ClientIp);
    }

    [Fact]
    public void Postscreen_hangup_gives_ipv6_client()
    {
        var p = ParsedLine.Of("Jul  8 17:05:19 mail postfix/postscreen[21130]: HANGUP after 0.61 from [2001:db8::5]:55382 in tests after SMTP handshake");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("HANGUP", p.Action);
        Assert.Equal("2001:db8::5", p.ClientIp);
    }

    [Fact]
    public void Postscreen_noqueue_reject_reads_its_comma_separated_fields()
    {
        var p = ParsedLine.Of("Jul  8 17:05:24 mail postfix/postscreen[21130]: NOQUEUE: reject: RCPT from [1.2.3.4]:55382: 550 5.7.1 Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org; from=<spam@example.com>, to=<user@example.net>, proto=ESMTP, helo=<example.com>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("", p.QueueId);
        Assert.Equal("RCPT", p.Stage);
        Assert.Equal("1.2.3.4", p.ClientIp);
        Assert.Equal("", p.ClientHost);
        Assert.Equal("550", p.ReplyCode);
        Assert.Equal("5.7.1", p.Dsn);
        Assert.Equal("Service unavailable; client [1.2.3.4] blocked using zen.spamhaus.org", p.EventText);
        Assert.Equal("spam@example.com", p.Sender);
        Assert.Equal("user@example.net", p.Address);
        Assert.Equal("example.com", p.Helo);
    }

    [Fact]
    public void Smtpd_reject_with_multiline_reply_joined_keeps_code_and_first_dsn()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from mail.example.org[192.0.2.9]: 550-5.7.1 Client host rejected 550 5.7.1 see https://example.net/policy; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<mail.example.org>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("550", p.ReplyCode);
        Assert.Equal("5.7.1", p.Dsn);
        Assert.Equal("b@example.net", p.Address);
    }

    [Fact]
    public void Smtpd_milter_reject_at_end_of_message_is_a_reject_with_queue_id()
    {
        var p = ParsedLine.Of("Feb 16 22:23:12 mx postfix/smtpd[17727]: 769FF2E0760: milter-reject: END-OF-MESSAGE from h-72f555a0840e4b9553[117.165.155.187]: 5.7.1 Spam message rejected; from=<h-59bd@h-183bcda0e2fe4.com> to=<h-688f0f21f362894034ba55@h-ff6b5e9182fd933.com> proto=ESMTP helo=<h-72f555a0840e4b9553>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("milter-reject", p.Action);
        Assert.Equal("769FF2E0760", p.QueueId);
        Assert.Equal("END-OF-MESSAGE", p.Stage);
        Assert.Equal("5.7.1", p.Dsn);
    }

    [Fact]
    public void Master_reload_is_a_lifecycle_event_with_version()
    {
        var p = ParsedLine.Of("Nov 21 23:00:00 mail postfix/master[28379]: reload -- version 3.11.0, configuration /etc/postfix");

        Assert.Equal(PostfixEventKind.Lifecycle, p.Kind);
        Assert.Equal("reload", p.Action);
        Assert.Equal("3.11.0", p.Version);
    }

    [Theory]
    [InlineData("error: open database /etc/postfix/virtual.db: No such file or directory", "error")]
    [InlineData("fatal: bad numerical configuration: smtpd_recipient_limit = x", "fatal")]
    [InlineData("panic: myfree: corrupt or unallocated memory block", "panic")]
    public void Error_fatal_and_panic_lines_are_warnings_with_their_severity(string text, string severity)
    {
        var p = ParsedLine.Of("Nov 21 22:30:00 mail postfix/smtpd[28387]: " + text);

        Assert.Equal(PostfixEventKind.Warning, p.Kind);
        Assert.Equal(severity, p.Action);
        Assert.Equal(text[(severity.Length + 2)..], p.EventText);
    }
}
