using System.Text;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>Damaged lines the fuzz tests found or aim at, pinned one by one.</summary>
public sealed class ParserRobustnessTests
{
    private static Exception? Run(string line, LogFormat format = LogFormat.Default) => Run(Encoding.UTF8.GetBytes(line), format);

    private static Exception? Run(byte[] line, LogFormat format = LogFormat.Default) => Record.Exception(() =>
    {
        var processor = new LogProcessor(new MessageTracker(new CollectingSink()), new LineStatistics());
        processor.ProcessLine(new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference)), line);
        processor.Complete();
    });

    [Theory]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: lost connection after from app01.example.net[127.0.0.2]")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: timeout after from app01.example.net[127.0.0.2]")]
    public void Lost_connection_line_without_a_stage_does_not_throw(string line)
    {
        Assert.Null(Run(line));
    }

    [Fact]
    public void Lost_connection_line_with_an_empty_stage_between_two_spaces_does_not_throw()
    {
        Assert.Null(Run("Nov 21 22:29:56 mail postfix/smtpd[28387]: lost connection after  from app01.example.net[127.0.0.2]"));
    }

    [Fact]
    public void Logstash_message_with_invalid_utf8_does_not_throw()
    {
        var line = Encoding.UTF8.GetBytes("""{"@timestamp":"2026-11-21T22:29:56Z","message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removedX"}""");
        line[Array.LastIndexOf(line, (byte)'X')] = 0xC3;

        Assert.Null(Run(line, LogFormat.Logstash));
    }

    [Fact]
    public void Logstash_timestamp_with_json_escaped_plus_sign_is_read()
    {
        const string json = """{"@timestamp":"2026-11-21T22:29:56.000000\u002B01:00","message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed"}""";

        var p = ParsedLine.TryOf(json, LogFormat.Logstash);

        Assert.NotNull(p);
        Assert.Equal(new DateTime(2026, 11, 21, 21, 29, 56, DateTimeKind.Utc), p.Time);
    }

    [Fact]
    public void Logstash_message_with_escaped_control_characters_and_nul_does_not_throw()
    {
        const string json = """{"@timestamp":"2026-11-21T22:29:56Z","message":"Nov 21 22:29:56 mail postfix/smtpd[28387]: warning: bad \u0000 \t \b input\n"}""";

        var p = ParsedLine.TryOf(json, LogFormat.Logstash);

        Assert.NotNull(p);
        Assert.Equal(PostfixEventKind.Warning, p.Kind);
    }

    [Theory]
    [InlineData("Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: from=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a>, orig_to=<b")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a>, relay=x, status=")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 5")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 550 5.")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[28387]: warning: [1]: SASL  authentication failed")]
    [InlineData("Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: reject: header ; from=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: message-id=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/bounce[28415]: 38641F01B0: sender non-delivery notification: ")]
    [InlineData("Nov 21 22:29:56 mail postfix/postscreen[21130]: CONNECT from [")]
    [InlineData("Nov 21 22:29:56 mail postfix/postscreen[21130]: NOQUEUE: reject: RCPT from [1.2.3.4]:5: ; from=<a>, to=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/pickup[28380]: 38641F01B0: uid=0 from=<")]
    [InlineData("Nov 21 22:29:56 mail postfix/master[28379]: daemon started -- version ")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a@b>, relay=127.0.0.1[127.0.0.1]:10025, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 38641F01B0)")]
    [InlineData("Nov 21 22:29:56 mail postfix/local[28391]: 38641F01B0: to=<a@b>, relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as )")]
    [InlineData("2026-11-21T22:29:56.+99:99 mail postfix/qmgr[1]: 38641F01B0: removed")]
    [InlineData("9999-12-31T23:59:59.9999999-14:00 mail postfix/qmgr[1]: 38641F01B0: removed")]
    [InlineData("0001-01-01T00:00:00+14:00 mail postfix/qmgr[1]: 38641F01B0: removed")]
    [InlineData("2026-02-30T00:00:00Z mail postfix/qmgr[1]: 38641F01B0: removed")]
    public void Truncated_or_extreme_lines_do_not_throw(string line)
    {
        Assert.Null(Run(line));
    }

    [Fact]
    public void Message_forwarded_to_itself_does_not_loop_or_throw()
    {
        (CollectingSink Sink, LineStatistics Stats, MessageTracker Tracker) run = default;
        var exception = Record.Exception(() => run = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a@b>, relay=127.0.0.1[127.0.0.1]:10025, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 38641F01B0)
            Nov 21 22:29:57 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]
            Nov 21 22:29:57 mail postfix/smtp[28391]: 38641F01B0: to=<a@b>, relay=127.0.0.1[127.0.0.1]:10025, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 38641F01B0)
            Nov 21 22:29:58 mail postfix/qmgr[28381]: 38641F01B0: removed
            """));

        Assert.Null(exception);
        Assert.NotNull(run.Sink);
        Assert.NotEmpty(run.Sink.Messages);
        Assert.All(run.Sink.Messages, m => Assert.Equal("38641F01B0", m.QueueId));
        Assert.Equal(0, run.Tracker!.InFlight);
    }

    [Fact]
    public void Two_queues_naming_each_other_as_hops_do_not_loop()
    {
        var (sink, _, _) = Track.Text("""
            Nov 21 22:29:56 mail postfix/smtpd[28387]: 38641F01B0: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mail postfix/smtpd[28387]: 8CD7EF01C1: client=localhost[127.0.0.1]
            Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<a@b>, relay=127.0.0.1[127.0.0.1]:10025, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 8CD7EF01C1)
            Nov 21 22:29:56 mail postfix/smtp[28391]: 8CD7EF01C1: to=<a@b>, relay=127.0.0.1[127.0.0.1]:10025, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 38641F01B0)
            Nov 21 22:29:58 mail postfix/qmgr[28381]: 38641F01B0: removed
            Nov 21 22:29:58 mail postfix/qmgr[28381]: 8CD7EF01C1: removed
            """);

        var m = Assert.Single(sink.Messages);
        Assert.Equal("38641F01B0", m.QueueId);
        Assert.Equal(["8CD7EF01C1"], m.Hops);
    }
}
