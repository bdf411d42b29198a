namespace Postmeter.Storage.Rollups;

/// <summary>The whole periods the rollups answer a range with, and how a range splits into days and edge hours.</summary>
public static class RollupPeriods
{
    /// <summary>Whether the dimension is kept per day only (so ranges are whole UTC days).</summary>
    public static bool DailyOnly(TrafficDimension dimension) => dimension is TrafficDimension.Sender or TrafficDimension.Recipient;

    /// <summary>
    /// The range a query of <paramref name="dimension"/> counts: from the start of the hour (or day) of
    /// <paramref name="range"/>'s start to the end of the hour (or day) of its end — the periods that overlap it.
    /// </summary>
    public static TimeRange Aligned(TrafficDimension dimension, TimeRange range) => Aligned(range, DailyOnly(dimension) ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour);

    /// <summary>The hours that overlap <paramref name="range"/>.</summary>
    public static TimeRange Hours(TimeRange range) => Aligned(range, TimeSpan.TicksPerHour);

    /// <summary>
    /// An aligned range as whole UTC days and the hours before and after them: days [<c>DaysFrom</c>, <c>DaysTo</c>) (empty
    /// when they meet), hours [<c>From</c>, <c>DaysFrom</c>) and [<c>DaysTo</c>, <c>To</c>).
    /// </summary>
    public static (long From, long DaysFrom, long DaysTo, long To) Split(TimeRange aligned)
    {
        var from = aligned.From?.Ticks ?? 0;
        var to = aligned.To?.Ticks ?? DateTime.MaxValue.Ticks - (DateTime.MaxValue.Ticks % TimeSpan.TicksPerDay);
        var daysFrom = Ceiling(from, TimeSpan.TicksPerDay);
        var daysTo = to - (to % TimeSpan.TicksPerDay);
        return daysFrom < daysTo ? (from, daysFrom, daysTo, to) : (from, to, to, to);
    }

    private static TimeRange Aligned(TimeRange range, long length) => new(
        range.From is { } from ? new DateTime(from.Ticks - (from.Ticks % length), DateTimeKind.Utc) : null,
        range.To is { } to && Ceiling(to.Ticks, length) is var end && end <= DateTime.MaxValue.Ticks ? new DateTime(end, DateTimeKind.Utc) : null);

    private static long Ceiling(long ticks, long length) => ticks % length == 0 ? ticks : ticks - (ticks % length) + length;
}
