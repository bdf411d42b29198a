using System.Text;
using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

public sealed class EnvelopeParserTests
{
    private static readonly DateTime Reference = new(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static ParsedLine Parse(string line, LogFormat format, int? year = 2026) =>
        ParsedLine.TryOf(line, format, new YearlessClock(TimeZoneInfo.Utc, year, Reference))
        ?? throw new Xunit.Sdk.XunitException("envelope not parsed: " + line);

    [Fact]
    public void Traditional_line_with_space_padded_day_gives_time_host_program_pid_and_text()
    {
        var p = Parse("Feb  7 03:40:14 vsrv-postfix postfix/cleanup[1437571]: BABABABABABA: message-id=<>", LogFormat.Default);

        Assert.Equal(new DateTime(2026, 2, 7, 3, 40, 14, DateTimeKind.Utc), p.Time);
        Assert.Equal(DateTimeKind.Utc, p.Time.Kind);
        Assert.Equal("vsrv-postfix", p.Host);
        Assert.Equal("postfix/cleanup", p.Program);
        Assert.Equal("postfix", p.Instance);
        Assert.Equal("cleanup", p.Daemon);
        Assert.Equal(1437571, p.Pid);
        Assert.Equal("BABABABABABA: message-id=<>", p.Text);
    }

    [Fact]
    public void Traditional_line_with_zero_padded_day_is_read()
    {
        var p = Parse("Feb 07 03:40:14 vsrv-postfix postfix/cleanup[1437571]: BABABABABABA: message-id=<>", LogFormat.Default);

        Assert.Equal(new DateTime(2026, 2, 7, 3, 40, 14, DateTimeKind.Utc), p.Time);
    }

    [Fact]
    public void Traditional_line_with_fractional_seconds_keeps_the_fraction()
    {
        var p = Parse("Nov 21 22:29:56.123456 mail postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]", LogFormat.Default);

        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc).AddTicks(1234560), p.Time);
        Assert.Equal("mail", p.Host);
        Assert.Equal(PostfixEventKind.SmtpdConnect, p.Kind);
    }

    [Fact]
    public void Rfc3339_line_with_fraction_and_utc_offset_gives_the_utc_instant()
    {
        // Lightmeter 25_authclean_cleanup.log
        var p = Parse("2022-01-08T19:42:13.557199+00:00 mail postfix/qmgr[659]: 1F5A2194AA9: from=<sender@sender.example.com>, size=818, nrcpt=1 (queue active)", LogFormat.Rfc3339);

        Assert.Equal(new DateTime(2022, 1, 8, 19, 42, 13, DateTimeKind.Utc).AddTicks(5571990), p.Time);
        Assert.Equal("qmgr", p.Daemon);
        Assert.Equal(PostfixEventKind.QueueActive, p.Kind);
        Assert.Equal(818, p.Size);
    }

    [Fact]
    public void Rfc3339_line_with_plus_one_hour_offset_is_converted_to_utc()
    {
        var p = Parse("2021-12-19T20:35:40.572463+01:00 mail postfix/qmgr[659]: 1F5A2194AA9: removed", LogFormat.Rfc3339);

        Assert.Equal(new DateTime(2021, 12, 19, 19, 35, 40, DateTimeKind.Utc).AddTicks(5724630), p.Time);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
    }

    [Fact]
    public void Rfc3339_line_with_negative_offset_crossing_midnight_moves_to_the_next_day()
    {
        var p = Parse("2021-12-31T22:30:00-05:00 mail postfix/qmgr[659]: 1F5A2194AA9: removed", LogFormat.Rfc3339);

        Assert.Equal(new DateTime(2022, 1, 1, 3, 30, 0, DateTimeKind.Utc), p.Time);
    }

    [Fact]
    public void Rfc3339_line_with_z_and_no_fraction_is_read()
    {
        var p = Parse("2021-05-16T00:01:42Z mail postfix/qmgr[659]: 1F5A2194AA9: removed", LogFormat.Rfc3339);

        Assert.Equal(new DateTime(2021, 5, 16, 0, 1, 42, DateTimeKind.Utc), p.Time);
        Assert.Equal("mail", p.Host);
    }

    [Fact]
    public void Rfc3339_year_is_taken_from_the_line_not_from_the_clock()
    {
        var p = Parse("2019-03-01T10:00:00+00:00 mail postfix/qmgr[659]: 1F5A2194AA9: removed", LogFormat.Rfc3339, year: 2030);

        Assert.Equal(2019, p.Time.Year);
    }

    [Fact]
    public void Prepend_rfc3339_takes_time_from_the_prefix_and_header_from_the_syslog_line()
    {
        var p = Parse("2021-05-16T00:01:42.278515+02:00 Nov 21 22:29:56 mail postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]", LogFormat.PrependRfc3339);

        Assert.Equal(new DateTime(2021, 5, 15, 22, 1, 42, DateTimeKind.Utc).AddTicks(2785150), p.Time);
        Assert.Equal("mail", p.Host);
        Assert.Equal("postfix/smtpd", p.Program);
        Assert.Equal(28387, p.Pid);
        Assert.Equal(PostfixEventKind.SmtpdConnect, p.Kind);
        Assert.Equal("127.0.0.2", p.ClientIp);
    }

    [Fact]
    public void Logstash_json_gives_time_from_at_timestamp_and_unescapes_the_message()
    {
        const string json = """{"@timestamp":"2021-05-16T00:01:42.278Z","log":{"file":{"path":"/var/log/mail.log"}},"message":"Nov 21 22:29:56 mail postfix/smtpd[28387]: NOQUEUE: reject: RCPT from app01.example.net[127.0.0.2]: 550 5.1.1 <ren\u00e9@example.net>: Recipient address rejected: \"User unknown\"; from=<support@example.net> to=<ren\u00e9@example.net> proto=ESMTP helo=<app01.example.net>","host":{"name":"mail"}}""";

        var p = Parse(json, LogFormat.Logstash);

        Assert.Equal(new DateTime(2021, 5, 16, 0, 1, 42, 278, DateTimeKind.Utc), p.Time);
        Assert.Equal("mail", p.Host);
        Assert.Equal("smtpd", p.Daemon);
        Assert.Equal(PostfixEventKind.Reject, p.Kind);
        Assert.Equal("rené@example.net", p.Address);
        Assert.Equal("<rené@example.net>: Recipient address rejected: \"User unknown\"", p.EventText);
    }

    [Fact]
    public void Logstash_json_with_fields_in_other_order_is_read()
    {
        const string json = """{"message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed","@version":"1","@timestamp":"2026-11-21T21:29:56.000+00:00"}""";

        var p = Parse(json, LogFormat.Logstash);

        Assert.Equal(new DateTime(2026, 11, 21, 21, 29, 56, DateTimeKind.Utc), p.Time);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("38641F01B0", p.QueueId);
    }

    [Fact]
    public void Logstash_message_longer_than_the_initial_buffer_is_read_whole()
    {
        var id = new string('a', 5000);
        var json = "{\"@timestamp\":\"2026-11-21T21:29:56Z\",\"message\":\"Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: message-id=<" + id + "@example.net>\"}";

        var p = Parse(json, LogFormat.Logstash);

        Assert.Equal(PostfixEventKind.MessageId, p.Kind);
        Assert.Equal(id + "@example.net", p.MessageId);
    }

    [Theory]
    [InlineData("""{"@timestamp":"2026-11-21T21:29:56Z"}""")]
    [InlineData("""{"message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed"}""")]
    [InlineData("""{"@timestamp":"yesterday","message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed"}""")]
    [InlineData("""{"@timestamp":"2026-11-21T21:29:56Z","message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed" """)]
    [InlineData("""["@timestamp","message"]""")]
    public void Logstash_json_without_a_usable_timestamp_and_message_is_rejected(string json)
    {
        Assert.Null(ParsedLine.TryOf(json, LogFormat.Logstash));
    }

    [Fact]
    public void Rfc3339_line_read_with_the_default_format_still_parses()
    {
        var p = Parse("2022-01-08T19:42:13.583442+00:00 mail postfix/qmgr[659]: 1F5A2194AA9: removed", LogFormat.Default);

        Assert.Equal(new DateTime(2022, 1, 8, 19, 42, 13, DateTimeKind.Utc).AddTicks(5834420), p.Time);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("1F5A2194AA9", p.QueueId);
    }

    [Fact]
    public void Traditional_line_read_with_the_rfc3339_format_still_parses()
    {
        var p = Parse("Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed", LogFormat.Rfc3339);

        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc), p.Time);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
    }

    [Fact]
    public void Logstash_line_read_with_the_default_format_still_parses()
    {
        var p = Parse("""{"@timestamp":"2026-11-21T21:29:56Z","message":"Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed"}""", LogFormat.Default);

        Assert.Equal(new DateTime(2026, 11, 21, 21, 29, 56, DateTimeKind.Utc), p.Time);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
    }

    [Fact]
    public void Prepended_line_read_with_the_default_format_takes_the_prepended_time()
    {
        var p = Parse("2021-05-16T00:01:42Z Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed", LogFormat.Default);

        Assert.Equal(new DateTime(2021, 5, 16, 0, 1, 42, DateTimeKind.Utc), p.Time);
        Assert.Equal("mail", p.Host);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
    }

    [Fact]
    public void Leading_nul_bytes_and_trailing_carriage_return_are_ignored()
    {
        var parser = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Reference));
        var bytes = Encoding.UTF8.GetBytes("\0\0\0Nov 21 22:29:56 mail postfix/qmgr[28381]: 38641F01B0: removed\r\n");

        var p = ParsedLine.TryOf(parser, bytes);

        Assert.NotNull(p);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal("38641F01B0: removed", p.Text);
    }

    [Fact]
    public void Rfc3339_fixture_and_traditional_fixture_give_the_same_events()
    {
        // realpostfix-seed42 wrote the same run in both formats; the wall clocks match when the zone is UTC.
        var traditional = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog"));
        var rfc = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog.rfc3339"));
        Assert.Equal(traditional.Length, rfc.Length);

        var a = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Reference));
        var b = new EnvelopeParser(LogFormat.Rfc3339, new YearlessClock(TimeZoneInfo.Utc, 2026, Reference));
        for (var i = 0; i < traditional.Length; i++)
        {
            var x = ParsedLine.TryOf(a, Encoding.UTF8.GetBytes(traditional[i]));
            var y = ParsedLine.TryOf(b, Encoding.UTF8.GetBytes(rfc[i]));
            Assert.NotNull(x);
            Assert.NotNull(y);
            Assert.Equal((x.Kind, x.Host, x.Program, x.Pid, x.Text), (y.Kind, y.Host, y.Program, y.Pid, y.Text));
            Assert.Equal(x.Time, y.Time);
        }
    }
}
