using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>cleanup, pickup, qmgr and bounce lines, quoted verbatim from real logs.</summary>
public sealed class QueueLineTests
{
    [Fact]
    public void Cleanup_message_id_is_given_without_its_angle_brackets()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: message-id=<20261121222956.2.f794f51f63@mail.example.net>");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("38641F01B0", p.QueueId);
        Assert.Equal("20261121222956.2.f794f51f63@mail.example.net", p.MessageId);
    }

    [Fact]
    public void Cleanup_empty_message_id_in_brackets_is_still_a_message_id_line()
    {
        // Lightmeter 13_empty_msgid_issue_388.log (a 12-character hex queue id, too)
        var p = ParsedLine.Of("Feb  7 03:40:14 vsrv-postfix postfix/cleanup[1437571]: BABABABABABA: message-id=<>");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("BABABABABABA", p.QueueId);
        Assert.Equal("", p.MessageId);
    }

    [Fact]
    public void Cleanup_unterminated_message_id_keeps_everything_after_the_bracket()
    {
        // Lightmeter 16_corrupted_messageid.log: a 2 KB message-id with no closing bracket; read in place.
        var path = FixturePaths.Fixture("lightmeter", "individual_files", "16_corrupted_messageid.log");
        var line = File.ReadLines(path).First(l => l.Contains("message-id=", StringComparison.Ordinal));
        var value = line[(line.IndexOf("message-id=<", StringComparison.Ordinal) + 12)..];

        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("1A3642E0C5C", p.QueueId);
        Assert.True(value.Length > 1000);
        Assert.Equal(value, p.MessageId);
    }

    [Fact]
    public void Cleanup_message_id_of_postfix_notification_with_long_queue_id_is_parsed()
    {
        var p = ParsedLine.Of("Nov 22 01:38:07 mail postfix/cleanup[3683]: 4jXBXv3RNRz6HL4: message-id=<4jXBXv3RNRz6HL4@mail.example.net>");

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal("4jXBXv3RNRz6HL4", p.QueueId);
        Assert.Equal("4jXBXv3RNRz6HL4@mail.example.net", p.MessageId);
    }

    [Fact]
    public void Cleanup_header_reject_gives_header_stage_client_envelope_and_dsn()
    {
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/cleanup[28473]: 08353F00F1: reject: header Subject: Cheap meds online - 90% off from unknown[127.0.3.31]; from=<yweber@outlook.com> to=<heidi@example.net> proto=ESMTP helo=<mail.offers.example>: 5.7.1 Message content rejected (spam)");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("08353F00F1", p.QueueId);
        Assert.Equal("reject", p.Action);
        Assert.Equal("header", p.Stage);
        Assert.Equal("unknown", p.ClientHost);
        Assert.Equal("127.0.3.31", p.ClientIp);
        Assert.Equal("yweber@outlook.com", p.Sender);
        Assert.Equal("heidi@example.net", p.Address);
        Assert.Equal("mail.offers.example", p.Helo);
        Assert.Equal("", p.ReplyCode);
        Assert.Equal("5.7.1", p.Dsn);
        Assert.Equal("Message content rejected (spam)", p.EventText);
    }

    [Fact]
    public void Cleanup_header_discard_is_a_discard_with_its_text()
    {
        var p = ParsedLine.Of("Nov 21 22:30:10 mail postfix/cleanup[28473]: 9979BF0254: discard: header Subject: [bulk-newsletter] Last chance from unknown[127.0.3.19]; from=<sophie1087@example.org> to=<postmaster@example.net> proto=ESMTP helo=<mail.promo.example>: bulk newsletter dropped by policy");

        Assert.Equal(PostfixEventKind.Discard, p.Kind);
        Assert.Equal("9979BF0254", p.QueueId);
        Assert.Equal("discard", p.Action);
        Assert.Equal("header", p.Stage);
        Assert.Equal("127.0.3.19", p.ClientIp);
        Assert.Equal("sophie1087@example.org", p.Sender);
        Assert.Equal("postmaster@example.net", p.Address);
        Assert.Equal("bulk newsletter dropped by policy", p.EventText);
    }

    [Fact]
    public void Cleanup_replace_header_of_renamed_cleanup_service_is_a_policy_action()
    {
        // Lightmeter 25_authclean_cleanup.log (RFC 3339 stamps)
        var p = ParsedLine.Of("2022-01-08T19:42:13.269456+00:00 mail postfix/authclean/cleanup[19193]: 1F5A2194AA9: replace: header Mime-Version: 1.0 (1.0) from client.example.com[1.2.3.4]; from=<sender@sender.example.com> to=<recipient@recipient.example.com> proto=ESMTP helo=<smtpclient.apple>: Mime-Version: 1.0", LogFormat.Rfc3339);

        Assert.Equal(PostfixEventKind.PolicyAction, p.Kind);
        Assert.Equal("replace", p.Action);
        Assert.Equal("1F5A2194AA9", p.QueueId);
        Assert.Equal("cleanup", p.Daemon);
        Assert.Equal("header", p.Stage);
        Assert.Equal("1.2.3.4", p.ClientIp);
        Assert.Equal("sender@sender.example.com", p.Sender);
    }

    [Fact]
    public void Cleanup_milter_reject_at_end_of_message_gives_dsn_reason_and_envelope()
    {
        // Lightmeter 15_milter-reject.log
        var p = ParsedLine.Of("Jan 25 18:54:51 mx postfix/cleanup[8966]: B37FD2E05B9: milter-reject: END-OF-MESSAGE from h-ca74a0a011076cd81347f8f11e[254.65.43.194]: 4.7.1 Try again later; from=<bounce+1b6a63.922c68-christoph=h-ffd2115d4f@h-79b594737831a5d176dabf9.com> to=<h-7abde52c2@h-ffd2115d4f.com> proto=ESMTP helo=<h-ca74a0a011076cd81347f8f11e>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("milter-reject", p.Action);
        Assert.Equal("B37FD2E05B9", p.QueueId);
        Assert.Equal("END-OF-MESSAGE", p.Stage);
        Assert.Equal("254.65.43.194", p.ClientIp);
        Assert.Equal("", p.ReplyCode);
        Assert.Equal("4.7.1", p.Dsn);
        Assert.Equal("Try again later", p.EventText);
        Assert.Equal("bounce+1b6a63.922c68-christoph=h-ffd2115d4f@h-79b594737831a5d176dabf9.com", p.Sender);
        Assert.Equal("h-7abde52c2@h-ffd2115d4f.com", p.Address);
    }

    [Fact]
    public void Pickup_line_gives_queue_id_and_sender()
    {
        var p = ParsedLine.Of("Nov 21 22:30:04 mail postfix/pickup[28380]: DC9C6F0236: uid=0 from=<root@example.net>");

        Assert.Equal(PostfixEventKind.Pickup, p.Kind);
        Assert.Equal("DC9C6F0236", p.QueueId);
        Assert.Equal("root@example.net", p.Address);
    }

    [Fact]
    public void Pickup_line_with_bare_local_sender_is_parsed()
    {
        // Lightmeter 10_pickup.log
        var p = ParsedLine.Of("Feb  1 13:17:02 mail postfix/pickup[28541]: 08ACF1541B01: uid=0 from=<root>");

        Assert.Equal(PostfixEventKind.Pickup, p.Kind);
        Assert.Equal("08ACF1541B01", p.QueueId);
        Assert.Equal("root", p.Address);
    }

    [Fact]
    public void Qmgr_queue_active_gives_sender_size_and_recipient_count()
    {
        var p = ParsedLine.Of("Nov 21 22:29:59 mail postfix/qmgr[28381]: 564D6F01D1: from=<bob@example.net>, size=3182, nrcpt=5 (queue active)");

        Assert.Equal(PostfixEventKind.QueueActive, p.Kind);
        Assert.Equal("564D6F01D1", p.QueueId);
        Assert.Equal("bob@example.net", p.Address);
        Assert.Equal(3182, p.Size);
        Assert.Equal(5, p.RecipientCount);
    }

    [Fact]
    public void Qmgr_queue_active_of_a_bounce_has_the_null_sender()
    {
        var p = ParsedLine.Of("Nov 22 01:38:07 mail postfix/qmgr[3674]: 4jXBXv3RNRz6HL4: from=<>, size=6566, nrcpt=1 (queue active)");

        Assert.Equal(PostfixEventKind.QueueActive, p.Kind);
        Assert.Equal("4jXBXv3RNRz6HL4", p.QueueId);
        Assert.Equal("", p.Address);
        Assert.Equal(6566, p.Size);
        Assert.Equal(1, p.RecipientCount);
    }

    [Fact]
    public void Qmgr_removed_line_is_removed()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed");

        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("38641F01B0", p.QueueId);
    }

    [Fact]
    public void Multi_instance_qmgr_removed_line_keeps_its_instance()
    {
        // Lightmeter 18_expired.log
        var p = ParsedLine.Of("Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/qmgr[31214]: 23EBE3D5C0: removed");

        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("postfix-239.58.50.50", p.Instance);
        Assert.Equal("qmgr", p.Daemon);
        Assert.Equal("23EBE3D5C0", p.QueueId);
    }

    [Fact]
    public void Qmgr_expired_gives_sender_and_reason()
    {
        var p = ParsedLine.Of("Nov 21 22:33:16 mail postfix/qmgr[28381]: 564D6F01D1: from=<bob@example.net>, status=expired, returned to sender");

        Assert.Equal(PostfixEventKind.Expired, p.Kind);
        Assert.Equal("564D6F01D1", p.QueueId);
        Assert.Equal("bob@example.net", p.Address);
        Assert.Equal("expired", p.Action);
        Assert.Equal("returned to sender", p.EventText);
    }

    [Fact]
    public void Bounce_sender_non_delivery_notification_links_parent_and_child()
    {
        var p = ParsedLine.Of("Nov 21 22:29:59 mail postfix/bounce[28415]: 564D6F01D1: sender non-delivery notification: 63C23F01D7");

        Assert.Equal(PostfixEventKind.Notification, p.Kind);
        Assert.Equal(NotificationKind.SenderNonDelivery, p.Notification);
        Assert.Equal("564D6F01D1", p.QueueId);
        Assert.Equal("63C23F01D7", p.ChildQueueId);
    }

    [Fact]
    public void Bounce_sender_delay_notification_is_a_delay_notification()
    {
        var p = ParsedLine.Of("Nov 21 22:31:16 mail postfix/bounce[29121]: 564D6F01D1: sender delay notification: EAB0AF0047");

        Assert.Equal(PostfixEventKind.Notification, p.Kind);
        Assert.Equal(NotificationKind.Delay, p.Notification);
        Assert.Equal("EAB0AF0047", p.ChildQueueId);
    }

    [Fact]
    public void Bounce_notification_with_long_queue_ids_is_parsed()
    {
        var p = ParsedLine.Of("Nov 22 01:38:07 mail postfix/bounce[3686]: 4jXBXv3Gb4z6HL0: sender non-delivery notification: 4jXBXv3RNRz6HL4");

        Assert.Equal(PostfixEventKind.Notification, p.Kind);
        Assert.Equal("4jXBXv3Gb4z6HL0", p.QueueId);
        Assert.Equal("4jXBXv3RNRz6HL4", p.ChildQueueId);
    }
}
