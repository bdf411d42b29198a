using System.Text;
using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

public sealed class YearlessClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static int Seconds(int h, int m, int s) => (h * 3600) + (m * 60) + s;

    private static YearlessClock Utc(int? year, DateTime? reference = null) =>
        new(TimeZoneInfo.Utc, year, reference ?? new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void December_to_january_rollover_increments_the_year()
    {
        var clock = Utc(2025);

        var dec = clock.ToUtc(12, 31, Seconds(23, 59, 59), 0);
        var jan = clock.ToUtc(1, 1, Seconds(0, 0, 1), 0);

        Assert.Equal(new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), dec);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc), jan);
        Assert.Equal(2026, clock.Year);
    }

    [Fact]
    public void Rollover_is_seen_through_the_envelope_parser_on_syslog_lines()
    {
        var parser = new EnvelopeParser(LogFormat.Default, Utc(2025));
        var lines = new[]
        {
            "Dec 31 23:59:58 mail postfix/qmgr[28381]: 38641F01B0: from=<sales@example.com>, size=8575, nrcpt=1 (queue active)",
            "Jan  1 00:00:03 mail postfix/qmgr[28381]: 38641F01B0: removed",
            "Feb  3 08:00:00 mail postfix/qmgr[28381]: 8CD7EF01C1: removed",
        };

        var times = lines.Select(l => ParsedLine.TryOf(parser, Encoding.UTF8.GetBytes(l))!.Time).ToArray();

        Assert.Equal(new DateTime(2025, 12, 31, 23, 59, 58, DateTimeKind.Utc), times[0]);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 3, DateTimeKind.Utc), times[1]);
        Assert.Equal(new DateTime(2026, 2, 3, 8, 0, 0, DateTimeKind.Utc), times[2]);
    }

    [Fact]
    public void Two_rollovers_count_two_years()
    {
        var clock = Utc(2024);
        clock.ToUtc(12, 30, 0, 0);
        clock.ToUtc(1, 2, 0, 0);
        clock.ToUtc(5, 1, 0, 0);
        clock.ToUtc(9, 1, 0, 0);
        clock.ToUtc(12, 30, 0, 0);

        var t = clock.ToUtc(1, 2, 0, 0);

        Assert.Equal(2026, t.Year);
    }

    [Fact]
    public void Out_of_order_lines_seconds_apart_do_not_change_the_year()
    {
        var clock = Utc(2026);

        var a = clock.ToUtc(11, 21, Seconds(22, 30, 0), 0);
        var b = clock.ToUtc(11, 21, Seconds(22, 29, 50), 0);
        var c = clock.ToUtc(11, 21, Seconds(22, 30, 5), 0);

        Assert.Equal([2026, 2026, 2026], new[] { a.Year, b.Year, c.Year });
        Assert.True(b < a);
    }

    [Fact]
    public void A_line_a_day_earlier_than_the_previous_stays_in_the_same_year()
    {
        // Lightmeter 14_reuse_of_queueid.log ends with a "Sep  3" line after "Sep  4" lines.
        var clock = Utc(2026);

        clock.ToUtc(9, 4, Seconds(1, 25, 16), 0);
        var back = clock.ToUtc(9, 3, Seconds(1, 25, 16), 0);

        Assert.Equal(new DateTime(2026, 9, 3, 1, 25, 16, DateTimeKind.Utc), back);
        Assert.Equal(2026, clock.Year);
    }

    [Fact]
    public void Dst_fall_back_hour_repeated_in_local_time_does_not_change_the_year()
    {
        // Europe/Berlin leaves summer time on 25 Oct 2026 at 03:00 CEST: the wall clock goes 02:59:59 → 02:00:00.
        var clock = new YearlessClock(Berlin, 2026, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

        var before = clock.ToUtc(10, 25, Seconds(2, 59, 59), 0);
        var repeated = clock.ToUtc(10, 25, Seconds(2, 0, 0), 0);
        var after = clock.ToUtc(10, 25, Seconds(3, 30, 0), 0);

        Assert.Equal(2026, before.Year);
        Assert.Equal(2026, repeated.Year);
        Assert.Equal(new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Utc), after);
        Assert.Equal(2026, clock.Year);
    }

    [Fact]
    public void Forward_gap_of_more_than_half_a_year_stays_in_the_same_year()
    {
        // A quiet server (or a log with a gap): the last line of January, then the next one in August of the same year.
        var clock = Utc(2026);
        clock.ToUtc(1, 20, Seconds(9, 0, 0), 0);

        var august = clock.ToUtc(8, 2, Seconds(9, 0, 0), 0);
        var nextDay = clock.ToUtc(8, 3, Seconds(9, 0, 0), 0);

        Assert.Equal(new DateTime(2026, 8, 2, 9, 0, 0, DateTimeKind.Utc), august);
        Assert.Equal(new DateTime(2026, 8, 3, 9, 0, 0, DateTimeKind.Utc), nextDay);
    }

    [Fact]
    public void December_straggler_right_after_january_stays_in_the_old_year()
    {
        var clock = Utc(2025);
        clock.ToUtc(12, 31, Seconds(23, 59, 58), 0);
        clock.ToUtc(1, 1, Seconds(0, 0, 2), 0);

        var straggler = clock.ToUtc(12, 31, Seconds(23, 59, 59), 0);
        var next = clock.ToUtc(1, 1, Seconds(0, 0, 3), 0);

        Assert.Equal(new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), straggler);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 3, DateTimeKind.Utc), next);
        Assert.Equal(2026, clock.Year);
    }

    [Fact]
    public void First_line_after_the_reference_date_belongs_to_the_year_before()
    {
        // A file modified on 10 Jan 2026 whose first line says 30 Dec was started in 2025.
        var clock = Utc(null, new DateTime(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(12, 30, Seconds(8, 0, 0), 0);

        Assert.Equal(new DateTime(2025, 12, 30, 8, 0, 0, DateTimeKind.Utc), t);
        Assert.Equal(2025, clock.Year);
    }

    [Fact]
    public void First_line_on_or_before_the_reference_date_belongs_to_the_reference_year()
    {
        var clock = Utc(null, new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(11, 21, Seconds(22, 29, 56), 0);

        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, DateTimeKind.Utc), t);
    }

    [Fact]
    public void First_line_less_than_a_day_after_the_reference_belongs_to_the_reference_year()
    {
        // The reference (mtime or now) may lag the log by a time zone; up to a day ahead is tolerated.
        var clock = Utc(null, new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(3, 11, Seconds(6, 0, 0), 0);

        Assert.Equal(2026, t.Year);
    }

    [Fact]
    public void Explicit_starting_year_wins_over_the_reference()
    {
        var clock = Utc(2020, new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(12, 30, Seconds(8, 0, 0), 0);

        Assert.Equal(new DateTime(2020, 12, 30, 8, 0, 0, DateTimeKind.Utc), t);
    }

    [Fact]
    public void Local_winter_time_in_berlin_is_one_hour_ahead_of_utc()
    {
        var clock = new YearlessClock(Berlin, 2026, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(1, 15, Seconds(12, 0, 0), 0);

        Assert.Equal(new DateTime(2026, 1, 15, 11, 0, 0, DateTimeKind.Utc), t);
        Assert.Equal(DateTimeKind.Utc, t.Kind);
    }

    [Fact]
    public void Local_summer_time_in_berlin_is_two_hours_ahead_of_utc()
    {
        var clock = new YearlessClock(Berlin, 2026, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        var t = clock.ToUtc(7, 15, Seconds(12, 0, 0), 0);

        Assert.Equal(new DateTime(2026, 7, 15, 10, 0, 0, DateTimeKind.Utc), t);
    }

    [Fact]
    public void Offset_changes_within_one_run_across_the_spring_switch()
    {
        // 29 Mar 2026: 02:00 CET becomes 03:00 CEST.
        var clock = new YearlessClock(Berlin, 2026, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        var before = clock.ToUtc(3, 29, Seconds(1, 30, 0), 0);
        var after = clock.ToUtc(3, 29, Seconds(3, 30, 0), 0);

        Assert.Equal(new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc), before);
        Assert.Equal(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), after);
    }

    [Fact]
    public void Berlin_local_lines_through_the_envelope_parser_are_converted_to_utc()
    {
        var parser = new EnvelopeParser(LogFormat.Default, new YearlessClock(Berlin, 2026, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc)));

        var winter = ParsedLine.TryOf(parser, "Jan 15 12:00:00 mail postfix/qmgr[28381]: 38641F01B0: removed"u8);
        var summer = ParsedLine.TryOf(parser, "Jun 15 12:00:00 mail postfix/qmgr[28381]: 38641F01B0: removed"u8);

        Assert.Equal(new DateTime(2026, 1, 15, 11, 0, 0, DateTimeKind.Utc), winter!.Time);
        Assert.Equal(new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc), summer!.Time);
    }

    [Fact]
    public void February_29_in_a_non_leap_year_does_not_throw_and_stays_in_february()
    {
        var clock = Utc(2025);

        var t = clock.ToUtc(2, 29, Seconds(10, 0, 0), 0);

        Assert.Equal(2025, t.Year);
        Assert.Equal(2, t.Month);
        Assert.Equal(10, t.Hour);
    }

    [Fact]
    public void February_29_line_in_a_non_leap_year_is_parsed()
    {
        var parser = new EnvelopeParser(LogFormat.Default, Utc(2025));

        var p = ParsedLine.TryOf(parser, "Feb 29 10:00:00 mail postfix/qmgr[28381]: 38641F01B0: removed"u8);

        Assert.NotNull(p);
        Assert.Equal(PostfixEventKind.Removed, p.Kind);
        Assert.Equal(2025, p.Time.Year);
    }

    [Fact]
    public void February_29_in_a_leap_year_is_kept()
    {
        var clock = Utc(2028);

        var t = clock.ToUtc(2, 29, Seconds(10, 0, 0), 0);

        Assert.Equal(new DateTime(2028, 2, 29, 10, 0, 0, DateTimeKind.Utc), t);
    }

    [Fact]
    public void Fraction_ticks_are_added_to_the_second()
    {
        var clock = Utc(2026);

        var t = clock.ToUtc(11, 21, Seconds(22, 29, 56), 5_000_000);

        Assert.Equal(new DateTime(2026, 11, 21, 22, 29, 56, 500, DateTimeKind.Utc), t);
    }
}
