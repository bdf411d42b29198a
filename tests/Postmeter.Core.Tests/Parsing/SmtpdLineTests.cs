using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>
/// smtpd lines, quoted verbatim from real logs: the realpostfix-seed42 and realpostfix-longqid runs, and single lines of
/// Lightmeter's sample logs (file named in each test).
/// </summary>
public sealed class SmtpdLineTests
{
    [Fact]
    public void Connect_line_gives_client_host_and_ip()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]");

        Assert.Equal(PostfixEventKind.SmtpdConnect, p.Kind);
        Assert.Equal("app01.example.net", p.ClientHost);
        Assert.Equal("127.0.0.2", p.ClientIp);
        Assert.Equal("", p.QueueId);
    }

    [Fact]
    public void Connect_line_from_ipv6_client_keeps_the_whole_address()
    {
        // Lightmeter 17-smtpd-reject.log
        var p = ParsedLine.Of("Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: connect from unknown[2a02:168:636a::15e2]");

        Assert.Equal(PostfixEventKind.SmtpdConnect, p.Kind);
        Assert.Equal("unknown", p.ClientHost);
        Assert.Equal("2a02:168:636a::15e2", p.ClientIp);
        Assert.Equal("postfix/smtps/smtpd", p.Program);
        Assert.Equal("smtpd", p.Daemon);
    }

    [Fact]
    public void Disconnect_line_gives_client_and_command_statistics()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtpd[28387]: disconnect from app01.example.net[127.0.0.2] ehlo=1 mail=1 rcpt=0/1 commands=2/3");

        Assert.Equal(PostfixEventKind.SmtpdDisconnect, p.Kind);
        Assert.Equal("app01.example.net", p.ClientHost);
        Assert.Equal("127.0.0.2", p.ClientIp);
        Assert.Equal("ehlo=1 mail=1 rcpt=0/1 commands=2/3", p.EventText);
    }

    [Theory]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: lost connection after RCPT from app01.example.net[127.0.0.2]", "RCPT", "app01.example.net", "127.0.0.2")]
    [InlineData("Nov 21 22:30:14 mail postfix/submission/smtpd[28394]: lost connection after AUTH from unknown[127.0.3.107]", "AUTH", "unknown", "127.0.3.107")]
    public void Lost_connection_line_gives_the_stage_and_client(string line, string stage, string host, string ip)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.SmtpdLostConnection, p.Kind);
        Assert.Equal(stage, p.Stage);
        Assert.Equal(host, p.ClientHost);
        Assert.Equal(ip, p.ClientIp);
    }

    [Fact]
    public void Client_line_without_sasl_starts_a_message_with_no_login()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("38641F01B0", p.QueueId);
        Assert.Equal("localhost", p.ClientHost);
        Assert.Equal("127.0.0.1", p.ClientIp);
        Assert.Equal("", p.SaslMethod);
        Assert.Equal("", p.SaslUsername);
    }

    [Fact]
    public void Client_line_of_renamed_submission_service_gives_sasl_method_and_username()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/submission/smtpd[28394]: 8CD7EF01C1: client=unknown[127.0.4.140], sasl_method=PLAIN, sasl_username=carol@example.net");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("postfix/submission/smtpd", p.Program);
        Assert.Equal("postfix", p.Instance);
        Assert.Equal("smtpd", p.Daemon);
        Assert.Equal(28394, p.Pid);
        Assert.Equal("8CD7EF01C1", p.QueueId);
        Assert.Equal("unknown", p.ClientHost);
        Assert.Equal("127.0.4.140", p.ClientIp);
        Assert.Equal("PLAIN", p.SaslMethod);
        Assert.Equal("carol@example.net", p.SaslUsername);
    }

    [Fact]
    public void Client_line_with_long_queue_id_and_sasl_login_is_parsed()
    {
        var p = ParsedLine.Of("Nov 22 01:38:10 mail postfix/submission/smtpd[3691]: 4jXBXy0dVDz6HLM: client=unknown[127.0.4.169], sasl_method=LOGIN, sasl_username=grace@example.net");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("4jXBXy0dVDz6HLM", p.QueueId);
        Assert.Equal("LOGIN", p.SaslMethod);
        Assert.Equal("grace@example.net", p.SaslUsername);
    }

    [Fact]
    public void Client_line_of_smtps_service_over_ipv6_with_sasl_is_parsed()
    {
        // Lightmeter 17-smtpd-reject.log
        var p = ParsedLine.Of("Feb  8 21:28:47 mx postfix/smtps/smtpd[1036]: DE81A2E2DAA: client=unknown[2a02:168:636a::15e2], sasl_method=PLAIN, sasl_username=h-d2315d@h-24e89d.com");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("DE81A2E2DAA", p.QueueId);
        Assert.Equal("2a02:168:636a::15e2", p.ClientIp);
        Assert.Equal("PLAIN", p.SaslMethod);
        Assert.Equal("h-d2315d@h-24e89d.com", p.SaslUsername);
    }

    [Fact]
    public void Noqueue_reject_at_rcpt_gives_code_dsn_reason_and_envelope()
    {
        var p = ParsedLine.Of("Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from app01.example.net[127.0.0.2]: 550 5.1.2 <anthony_moore37@oldcompany.example>: Recipient address rejected: Domain oldcompany.example no longer accepts mail; from=<support@example.net> to=<anthony_moore37@oldcompany.example> proto=ESMTP helo=<app01.example.net>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("", p.QueueId);
        Assert.Equal("reject", p.Action);
        Assert.Equal("RCPT", p.Stage);
        Assert.Equal("app01.example.net", p.ClientHost);
        Assert.Equal("127.0.0.2", p.ClientIp);
        Assert.Equal("550", p.ReplyCode);
        Assert.Equal("5.1.2", p.Dsn);
        Assert.Equal("<anthony_moore37@oldcompany.example>: Recipient address rejected: Domain oldcompany.example no longer accepts mail", p.EventText);
        Assert.Equal("support@example.net", p.Sender);
        Assert.Equal("anthony_moore37@oldcompany.example", p.Address);
        Assert.Equal("app01.example.net", p.Helo);
    }

    [Fact]
    public void Noqueue_reject_at_mail_has_a_sender_and_no_recipient()
    {
        var p = ParsedLine.Of("Nov 21 22:29:59 mail postfix/smtpd[28387]: NOQUEUE: reject: MAIL from unknown[127.0.3.14]: 552 5.3.4 Message size exceeds fixed limit; from=<rossi.michelle@gmail.com> proto=ESMTP helo=<smtp6.bulk-host.example>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("MAIL", p.Stage);
        Assert.Equal("552", p.ReplyCode);
        Assert.Equal("5.3.4", p.Dsn);
        Assert.Equal("Message size exceeds fixed limit", p.EventText);
        Assert.Equal("rossi.michelle@gmail.com", p.Sender);
        Assert.Equal("", p.Address);
        Assert.Equal("smtp6.bulk-host.example", p.Helo);
        Assert.Equal("127.0.3.14", p.ClientIp);
    }

    [Fact]
    public void Reject_with_queue_id_keeps_the_queue_id_and_a_bracketed_helo()
    {
        var p = ParsedLine.Of("Nov 21 22:30:04 mail postfix/submission/smtpd[28394]: 199BCF022C: reject: RCPT from unknown[127.0.4.175]: 550 5.1.1 <webmaster2@example.net>: Recipient address rejected: User unknown in local recipient table; from=<grace@example.net> to=<webmaster2@example.net> proto=ESMTP helo=<[192.168.1.164]>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("199BCF022C", p.QueueId);
        Assert.Equal("RCPT", p.Stage);
        Assert.Equal("550", p.ReplyCode);
        Assert.Equal("5.1.1", p.Dsn);
        Assert.Equal("grace@example.net", p.Sender);
        Assert.Equal("webmaster2@example.net", p.Address);
        Assert.Equal("[192.168.1.164]", p.Helo);
    }

    [Fact]
    public void Reject_with_null_sender_and_temporary_code_is_parsed()
    {
        // Lightmeter 20_rejected.log
        var p = ParsedLine.Of("Dec 19 19:42:14 sm02 postfix/submission/smtpd[21379]: D155CDC24C3: reject: RCPT from unknown[30.207.11.100]: 450 4.7.1 <>: Sender address rejected: You are sending too many emails, contact helpdesk; from=<> to=<h-2d34d8bb8@h-93a1a37cd1.com> proto=ESMTP helo=<localhost>");

        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("D155CDC24C3", p.QueueId);
        Assert.Equal("450", p.ReplyCode);
        Assert.Equal("4.7.1", p.Dsn);
        Assert.Equal("<>: Sender address rejected: You are sending too many emails, contact helpdesk", p.EventText);
        Assert.Equal("", p.Sender);
        Assert.Equal("h-2d34d8bb8@h-93a1a37cd1.com", p.Address);
        Assert.Equal("localhost", p.Helo);
    }

    [Fact]
    public void Noqueue_filter_action_is_a_policy_action_not_a_reject()
    {
        // Lightmeter 5_zimbra_amavisd.log
        var p = ParsedLine.Of("Dec 17 06:28:56 sm02 postfix/submission/smtpd[115113]: NOQUEUE: filter: RCPT from unknown[11.22.33.44]: <sender@sender.example.com>: Sender address triggers FILTER smtp-amavis:[127.0.0.1]:10026; from=<sender@sender.example.com> to=<recipient@recipient.example.com> proto=ESMTP helo=<MsLy>");

        Assert.Equal(PostfixEventKind.PolicyAction, p.Kind);
        Assert.Equal("filter", p.Action);
        Assert.Equal("RCPT", p.Stage);
        Assert.Equal("sender@sender.example.com", p.Sender);
        Assert.Equal("recipient@recipient.example.com", p.Address);
        Assert.Equal("MsLy", p.Helo);
    }

    [Fact]
    public void Sasl_failure_gives_client_mechanism_reason_and_username()
    {
        var p = ParsedLine.Of("Nov 21 22:29:57 mail postfix/submission/smtpd[28394]: warning: unknown[127.0.3.208]: SASL LOGIN authentication failed: authentication failure, sasl_username=admin");

        Assert.Equal(PostfixEventKind.SaslFailure, p.Kind);
        Assert.Equal("unknown", p.ClientHost);
        Assert.Equal("127.0.3.208", p.ClientIp);
        Assert.Equal("LOGIN", p.SaslMethod);
        Assert.Equal("admin", p.SaslUsername);
        Assert.Equal("authentication failure", p.EventText);
    }

    [Fact]
    public void Sasl_failure_with_email_username_keeps_the_whole_address()
    {
        var p = ParsedLine.Of("Nov 21 22:30:21 mail postfix/submission/smtpd[28394]: warning: unknown[127.0.3.147]: SASL LOGIN authentication failed: authentication failure, sasl_username=postmaster@example.net");

        Assert.Equal(PostfixEventKind.SaslFailure, p.Kind);
        Assert.Equal("postmaster@example.net", p.SaslUsername);
    }

    [Fact]
    public void Sasl_failure_without_username_has_the_base64_challenge_as_reason()
    {
        // Lightmeter 16_corrupted_messageid.log
        var p = ParsedLine.Of("Jan 26 15:50:22 mx postfix/submission/smtpd[27009]: warning: unknown[112.95.43.75]: SASL LOGIN authentication failed: UGFzc3dvcmQ6");

        Assert.Equal(PostfixEventKind.SaslFailure, p.Kind);
        Assert.Equal("112.95.43.75", p.ClientIp);
        Assert.Equal("LOGIN", p.SaslMethod);
        Assert.Equal("", p.SaslUsername);
        Assert.Equal("UGFzc3dvcmQ6", p.EventText);
    }

    [Theory]
    [InlineData("Nov 21 22:30:06 mail postfix/submission/smtpd[28394]: warning: SASL authentication failure: Password verification failed", "SASL authentication failure: Password verification failed")]
    [InlineData("Jul  8 17:05:24 mail postfix/smtpd[21134]: warning: hostname some.client.com does not resolve to address 1.2.3.4", "hostname some.client.com does not resolve to address 1.2.3.4")]
    public void Other_smtpd_warnings_are_warnings_with_their_text(string line, string text)
    {
        var p = ParsedLine.Of(line);

        Assert.Equal(PostfixEventKind.Warning, p.Kind);
        Assert.Equal("warning", p.Action);
        Assert.Equal(text, p.EventText);
    }

    [Fact]
    public void Smtpd_tls_line_is_a_tls_connection()
    {
        // Lightmeter 5_zimbra_amavisd.log
        var p = ParsedLine.Of("Dec 17 06:28:56 sm02 postfix/submission/smtpd[115113]: Anonymous TLS connection established from unknown[11.22.33.44]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");

        Assert.Equal(PostfixEventKind.TlsConnection, p.Kind);
    }

    [Fact]
    public void Multi_instance_smtpd_line_gives_the_instance_and_daemon()
    {
        // Lightmeter 14_reuse_of_queueid.log
        var p = ParsedLine.Of("Sep  4 01:24:11 smtpnode06 postfix-170.55.103.23/smtpd[5965]: DADADADADA: client=h-d04c17c68166c9deda13c8e79ad[112.83.23.93]");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("smtpnode06", p.Host);
        Assert.Equal("postfix-170.55.103.23", p.Instance);
        Assert.Equal("smtpd", p.Daemon);
        Assert.Equal("DADADADADA", p.QueueId);
        Assert.Equal("112.83.23.93", p.ClientIp);
    }

    [Fact]
    public void Dkimmilter_renamed_smtpd_parses_like_smtpd()
    {
        // Lightmeter 5_zimbra_amavisd.log
        var p = ParsedLine.Of("Dec 17 06:28:58 sm02 postfix/dkimmilter/smtpd[115124]: 218BEDC28EC: client=localhost[127.0.0.1]");

        Assert.Equal(PostfixEventKind.SmtpdClient, p.Kind);
        Assert.Equal("postfix/dkimmilter/smtpd", p.Program);
        Assert.Equal("218BEDC28EC", p.QueueId);
    }
}
