using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>Delivery agent lines (smtp, local, virtual, lmtp, pipe, error), quoted verbatim from real logs.</summary>
public sealed class DeliveryLineTests
{
    [Fact]
    public void Smtp_sent_gives_recipient_relay_delay_dsn_status_and_reply()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<olga.mueller@gmail.com>, relay=gmail-smtp-in.l.google.com[127.0.0.10]:25, delay=0.06, delays=0.01/0.01/0/0.04, dsn=2.0.0, status=sent (250 2.0.0 OK  1795300196 pqzit3uea3ge.663750 - gsmtp)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("smtp", p.Daemon);
        Assert.Equal("38641F01B0", p.QueueId);
        Assert.Equal("olga.mueller@gmail.com", p.Address);
        Assert.Equal("", p.OrigTo);
        Assert.Equal("gmail-smtp-in.l.google.com[127.0.0.10]:25", p.Relay);
        Assert.Equal(0.06, p.Delay, 6);
        Assert.Equal("2.0.0", p.Dsn);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("250 2.0.0 OK  1795300196 pqzit3uea3ge.663750 - gsmtp", p.EventText);
        Assert.Equal("", p.Tls);
    }

    [Fact]
    public void Smtp_bounced_keeps_the_remote_reply_with_its_inner_parentheses()
    {
        var p = ParsedLine.Of("Nov 21 22:29:58 mail postfix/smtp[28391]: 4363BF01C3: to=<karen.fischer@yahoo.com>, relay=mta6.am0.yahoodns.net[127.0.0.12]:25, delay=0.06, delays=0/0/0/0.05, dsn=5.0.0, status=bounced (host mta6.am0.yahoodns.net[127.0.0.12] said: 554 delivery error: dd This user doesn't have a yahoo.com account (karen.fischer@yahoo.com) [0] - mta8770.mail.gq1.yahoo.com (in reply to RCPT TO command))");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal(DeliveryStatus.Bounced, p.Status);
        Assert.Equal("5.0.0", p.Dsn);
        Assert.Equal("host mta6.am0.yahoodns.net[127.0.0.12] said: 554 delivery error: dd This user doesn't have a yahoo.com account (karen.fischer@yahoo.com) [0] - mta8770.mail.gq1.yahoo.com (in reply to RCPT TO command)", p.EventText);
    }

    [Fact]
    public void Smtp_deferred_with_relay_none_is_deferred()
    {
        var p = ParsedLine.Of("Nov 21 22:29:58 mail postfix/smtp[28400]: C6915F0095: to=<joseph.thomas@web.de>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to mx-ha03.web.de[127.0.0.23]:25: Connection refused)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal(DeliveryStatus.Deferred, p.Status);
        Assert.Equal("none", p.Relay);
        Assert.Equal("4.4.1", p.Dsn);
        Assert.Equal(0, p.Delay);
        Assert.Equal("connect to mx-ha03.web.de[127.0.0.23]:25: Connection refused", p.EventText);
    }

    [Fact]
    public void Smtp_with_conn_use_skips_the_field_and_reads_the_rest()
    {
        // Lightmeter 14_reuse_of_queueid.log
        var p = ParsedLine.Of("Sep  4 01:25:10 smtpnode06 postfix-170.55.103.23/smtp[6980]: 8A2373D47C: to=<h-8bbf27f9689@h-05c3ae107.com>, relay=170.55.103.23[170.55.103.23]:2501, conn_use=2, delay=0.74, delays=0.13/0.55/0/0.06, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 31DF53D477)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("postfix-170.55.103.23", p.Instance);
        Assert.Equal("smtp", p.Daemon);
        Assert.Equal("170.55.103.23[170.55.103.23]:2501", p.Relay);
        Assert.Equal(0.74, p.Delay, 6);
        Assert.Equal("2.0.0", p.Dsn);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("250 2.0.0 Ok: queued as 31DF53D477", p.EventText);
    }

    [Fact]
    public void Smtp_to_content_filter_with_bare_orig_to_gives_both_addresses()
    {
        // Lightmeter 10_pickup.log
        var p = ParsedLine.Of("Feb  1 13:17:08 mail postfix/smtp[28692]: 08ACF1541B01: to=<h-06819@h-b4e62aa55116.com>, orig_to=<root>, relay=127.0.0.1[127.0.0.1]:10024, delay=6.8, delays=0.19/0.01/0/6.6, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as AED441541AFC)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("h-06819@h-b4e62aa55116.com", p.Address);
        Assert.Equal("root", p.OrigTo);
        Assert.Equal("127.0.0.1[127.0.0.1]:10024", p.Relay);
        Assert.Equal(6.8, p.Delay, 6);
        Assert.Equal("250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as AED441541AFC", p.EventText);
    }

    [Fact]
    public void Local_delivery_after_alias_expansion_gives_orig_to()
    {
        var p = ParsedLine.Of("Nov 21 22:30:03 mail postfix/local[28416]: 77B4EF00F1: to=<carol@example.net>, orig_to=<sales@example.net>, relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("local", p.Daemon);
        Assert.Equal("carol@example.net", p.Address);
        Assert.Equal("sales@example.net", p.OrigTo);
        Assert.Equal("local", p.Relay);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("delivered to mailbox", p.EventText);
    }

    [Fact]
    public void Local_deferred_with_trailing_space_in_reason_is_deferred()
    {
        var p = ParsedLine.Of("Nov 21 22:30:06 mail postfix/local[28416]: 91844F0075: to=<frank@example.net>, relay=local, delay=0.01, delays=0/0/0/0, dsn=4.3.0, status=deferred (temporary failure. Command output: lda: mail store temporarily unavailable, try again later )");

        Assert.Equal(DeliveryStatus.Deferred, p.Status);
        Assert.Equal("4.3.0", p.Dsn);
        Assert.StartsWith("temporary failure. Command output:", p.EventText, StringComparison.Ordinal);
    }

    [Fact]
    public void Virtual_delivery_is_parsed()
    {
        var p = ParsedLine.Of("Nov 22 01:38:10 mail postfix/virtual[3712]: 4jXBXy4MSjz6HLQ: to=<jane@example.com>, relay=virtual, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("virtual", p.Daemon);
        Assert.Equal("4jXBXy4MSjz6HLQ", p.QueueId);
        Assert.Equal("jane@example.com", p.Address);
        Assert.Equal("virtual", p.Relay);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
    }

    [Theory]
    [InlineData("Feb  1 13:17:08 mail postfix/lmtp[28699]: AED441541AFC: to=<h-06819@h-b4e62aa55116.com>, relay=h-ac7182297368ddc0f[private/dovecot-lmtp], delay=0.21, delays=0.07/0.01/0.01/0.12, dsn=2.0.0, status=sent (250 2.0.0 <h-06819@h-b4e62aa55116.com> wArTL0TxF2AccAAAYr7Zvw Saved)", "h-ac7182297368ddc0f[private/dovecot-lmtp]")]
    [InlineData("Jun  3 10:40:59 mail postfix/lmtp[9717]: A48191855DA0: to=<user@sender.com>, relay=mail.sender.com[/var/run/dovecot/lmtp], delay=0.03, delays=0.01/0/0.02/0.01, dsn=2.0.0, status=sent (250 2.0.0 <user@sender.com> IkiQKTt+117kJgAAWP5Hkg Saved)", "mail.sender.com[/var/run/dovecot/lmtp]")]
    public void Lmtp_delivery_over_a_unix_socket_keeps_the_socket_path_in_the_relay(string line, string relay)
    {
        // Lightmeter 10_pickup.log and 1_bounce_simple.log
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("lmtp", p.Daemon);
        Assert.Equal(relay, p.Relay);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
    }

    [Fact]
    public void Pipe_delivery_to_dovecot_is_parsed()
    {
        // Lightmeter 16_corrupted_messageid.log
        var p = ParsedLine.Of("Jan 26 15:50:22 mx postfix/pipe[1565]: 1A3642E0C5C: to=<h-3595419e35f@h-ff6b5e9182fd933.com>, relay=dovecot, delay=1.9, delays=1.7/0.01/0/0.15, dsn=2.0.0, status=sent (delivered via dovecot service)");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("pipe", p.Daemon);
        Assert.Equal("dovecot", p.Relay);
        Assert.Equal(1.9, p.Delay, 6);
        Assert.Equal("delivered via dovecot service", p.EventText);
    }

    [Theory]
    [InlineData("Nov 21 22:30:11 mail postfix/error[28598]: 7FAB9F025E: to=<michael804@oldcompany.example>, relay=none, delay=0.01, delays=0/0.01/0/0, dsn=5.1.2, status=bounced (Domain oldcompany.example no longer accepts mail)", DeliveryStatus.Bounced, "5.1.2")]
    [InlineData("Nov 21 22:30:36 mail postfix/error[28940]: 490EAF024C: to=<elizabeth1229@inbox.ru>, relay=none, delay=28, delays=28/0.03/0/0, dsn=4.0.0, status=deferred (delivery temporarily suspended: host mxs.mail.ru[127.0.0.24] refused to talk to me: 421 4.0.0 Server closing connection)", DeliveryStatus.Deferred, "4.0.0")]
    public void Error_agent_lines_are_deliveries(string line, DeliveryStatus status, string dsn)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("error", p.Daemon);
        Assert.Equal("none", p.Relay);
        Assert.Equal(status, p.Status);
        Assert.Equal(dsn, p.Dsn);
    }

    [Fact]
    public void Delivery_line_split_in_two_by_the_logger_still_parses_and_its_tail_is_not_a_line()
    {
        // Lightmeter 18_expired.log: the reply text was broken across two physical lines.
        var p = ParsedLine.Of("Sep 30 20:46:08 smtpnode16 postfix-239.58.50.50/local[23557]: A7E673C067: to=<h-498b874f2bf0cf639807ad80e1@h-5e67b9b4406.com>, relay=local, delay=0.14, delays=0.01/0/0.11/0.02, dsn=2.0.0, status=sent (delivered to command: procmail -a \"$EXTENSION\" DEFAULT=$HOME/Maild");

        Assert.Equal(PostfixEventKind.Delivery, p.Kind);
        Assert.Equal("local", p.Daemon);
        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("h-498b874f2bf0cf639807ad80e1@h-5e67b9b4406.com", p.Address);
        Assert.Contains("procmail", p.EventText, StringComparison.Ordinal);
        Assert.Null(ParsedLine.TryOf("ir/)"));
    }

    [Fact]
    public void Smtp_sent_with_remote_message_id_reply_is_parsed()
    {
        // Lightmeter 33_delivery_with_remote_id.log
        var p = ParsedLine.Of("Jan 20 19:48:07 teupos postfix/smtp[2467312]: B9996EABB6: to=<recipient1@external.org>, relay=example-com.mail.protection.outlook.com[12.11.12.13]:25, delay=2.7, delays=1.3/0.06/0.33/1, dsn=2.0.0, status=sent (250 Ok 1100018213535d84-abcdef87-74d3-4192-a8c5-e763ee11238f-000000)");

        Assert.Equal(DeliveryStatus.Sent, p.Status);
        Assert.Equal("250 Ok 1100018213535d84-abcdef87-74d3-4192-a8c5-e763ee11238f-000000", p.EventText);
    }
}
