using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>postscreen, dnsblog, master, postfix-script, anvil and lines of other programs, quoted verbatim from real logs.</summary>
public sealed class OtherProgramLineTests
{
    [Fact]
    public void Postscreen_connect_gives_the_client_ip()
    {
        // Lightmeter 22_virtual_delivery.log
        var p = ParsedLine.Of("Jul  8 17:05:18 mail postfix/postscreen[21130]: CONNECT from [1.2.3.4]:55382 to [4.5.6.7]:25");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("CONNECT", p.Action);
        Assert.Equal("1.2.3.4", p.ClientIp);
    }

    [Fact]
    public void Postscreen_dnsbl_rank_gives_the_client_ip()
    {
        // Lightmeter 22_virtual_delivery.log
        var p = ParsedLine.Of("Jul  8 17:05:24 mail postfix/postscreen[21130]: DNSBL rank 2 for [1.2.3.4]:55382");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("DNSBL rank", p.Action);
        Assert.Equal("1.2.3.4", p.ClientIp);
        Assert.Equal("DNSBL rank 2 for [1.2.3.4]:55382", p.EventText);
    }

    [Fact]
    public void Dnsblog_listing_is_a_postscreen_event()
    {
        // Lightmeter 22_virtual_delivery.log
        var p = ParsedLine.Of("Jul  8 17:05:18 mail postfix/dnsblog[21133]: addr 1.2.3.4 listed by domain zen.spamhaus.org as 127.0.0.3");

        Assert.Equal(PostfixEventKind.Postscreen, p.Kind);
        Assert.Equal("dnsblog", p.Daemon);
        Assert.Equal("addr 1.2.3.4 listed by domain zen.spamhaus.org as 127.0.0.3", p.EventText);
    }

    [Theory]
    [InlineData("Nov 21 22:29:56 mail postfix/master[28379]: daemon started -- version 3.7.11, configuration /var/tmp/realpostfix-work/etc", "3.7.11")]
    [InlineData("Mar 29 12:55:50 test1 postfix/master[15019]: daemon started -- version 3.4.14, configuration /etc/postfix", "3.4.14")]
    public void Master_daemon_started_gives_the_postfix_version(string line, string version)
    {
        // The second line is from Lightmeter 19_postfix_version.log.
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Lifecycle, p.Kind);
        Assert.Equal("daemon started", p.Action);
        Assert.Equal(version, p.Version);
    }

    [Theory]
    [InlineData("Nov 21 22:29:56 mail postfix/postfix-script[28377]: starting the Postfix mail system")]
    [InlineData("Nov 21 22:34:33 mail postfix/postfix-script[29768]: stopping the Postfix mail system")]
    [InlineData("Mar 29 13:20:11 test1 postfix/master[15019]: terminating on signal 15")]
    public void Start_and_stop_lines_are_lifecycle_events_without_version(string line)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Lifecycle, p.Kind);
        Assert.Equal("", p.Version);
        Assert.Equal(p.Text, p.Action);
    }

    [Theory]
    [InlineData("Nov 21 22:34:07 mail postfix/anvil[28396]: statistics: max connection rate 7/60s for (smtp:127.0.2.47) at Nov 21 22:30:38")]
    [InlineData("Nov 21 22:34:07 mail postfix/anvil[28396]: statistics: max connection count 1 for (submission:127.0.4.140) at Nov 21 22:29:56")]
    [InlineData("Nov 21 22:34:07 mail postfix/anvil[28396]: statistics: max cache size 61 at Nov 21 22:30:47")]
    public void Anvil_statistics_are_statistics_with_their_text(string line)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Statistics, p.Kind);
        Assert.Equal("anvil", p.Daemon);
        Assert.StartsWith("statistics: max ", p.EventText, StringComparison.Ordinal);
        Assert.Equal("", p.QueueId);
    }

    [Fact]
    public void Trivial_rewrite_warning_is_a_warning()
    {
        // Lightmeter 28_received_bounce.log
        var p = ParsedLine.Of("Feb 16 15:23:04 outreach postfix/trivial-rewrite[2432]: warning: do not list domain example.com in BOTH mydestination and virtual_mailbox_domains");

        Assert.Equal(PostfixEventKind.Warning, p.Kind);
        Assert.Equal("warning", p.Action);
        Assert.Equal("do not list domain example.com in BOTH mydestination and virtual_mailbox_domains", p.EventText);
    }

    [Theory]
    [InlineData("Nov 21 22:29:58 mail postfix/smtp[28400]: connect to mx-ha03.web.de[127.0.0.23]:25: Connection refused")]
    [InlineData("Nov 21 22:34:33 mail postfix/postfix-script[29771]: waiting for the Postfix mail system to terminate")]
    [InlineData("Sep  4 01:24:11 smtpnode06 postfix-170.55.103.23/smtp[6980]: discarding EHLO keywords: 8BITMIME STARTTLS")]
    [InlineData("Sep  4 01:24:11 smtpnode06 h-353d61658b320[3831]: connect from 170.55.103.23")]
    [InlineData("Dec 17 06:28:58 sm02 opendkim[94828]: 218BEDC28EC: no signing table match for 'sender@sender.example.com'")]
    [InlineData("Jun  3 10:40:57 mail opendkim[235]: 4AA091855DA0: DKIM-Signature field added (s=mail, d=mail.sender.com)")]
    [InlineData("Dec  7 13:28:01 mail amavis[25465]: (25465-19) 1dXuR43lMHsW FWD from <bounces@some.example.com> -> <recipient@recipient.com>, BODY=7BIT 250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as A17F830001CA")]
    [InlineData("Feb  1 13:17:08 mail dovecot: lmtp(h-06819@h-b4e62aa55116.com): wArTL0TxF2AccAAAYr7Zvw: sieve: msgid=<h-9f09ba6382a7163a9a1f1da16cb@h-ac7182297368ddc0f.com>: stored mail into mailbox 'INBOX'")]
    [InlineData("Dec 17 06:28:56 sm02 slapd[91734]: slap_queue_csn: queueing 0x3311900 20201216232856.805144Z#000000#000#000000")]
    public void Lines_postmeter_does_not_understand_are_unsupported_but_keep_their_envelope(string line)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Unsupported, p.Kind);
        Assert.NotEqual("", p.Host);
        Assert.NotEqual("", p.Program);
        Assert.NotEqual(default, p.Time);
    }

    [Fact]
    public void Line_of_a_program_without_pid_is_read()
    {
        // Lightmeter 10_pickup.log
        var p = ParsedLine.Of("Feb  1 13:17:08 mail dovecot: lmtp(28700): Connect from local");

        Assert.Equal("dovecot", p.Program);
        Assert.Equal(0, p.Pid);
        Assert.Equal("lmtp(28700): Connect from local", p.Text);
    }

    [Theory]
    [InlineData("ir/)")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Nov 21 22:29:56 mail")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387] connect from x[1.2.3.4]")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[notapid]: connect from x[1.2.3.4]")]
    [InlineData("Xyz 21 22:29:56 mail postfix/smtpd[28387]: connect from x[1.2.3.4]")]
    [InlineData("Nov 21 25:29:56 mail postfix/smtpd[28387]: connect from x[1.2.3.4]")]
    [InlineData("Nov 32 22:29:56 mail postfix/smtpd[28387]: connect from x[1.2.3.4]")]
    public void Lines_without_a_readable_syslog_envelope_are_rejected(string line)
    {
        Assert.Null(ParsedLine.TryOf(line));
    }
}
