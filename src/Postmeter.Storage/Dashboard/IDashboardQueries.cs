using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Dashboard;

/// <summary>
/// The dashboard's questions to a workspace, answered from the rollups (never by scanning deliveries) with read models.
/// Mail still in flight at the last commit is counted as <c>report --workspace</c> counts it: ended as a streaming run
/// ends it at the end of its input, at the time of the last commit's newest line.
/// </summary>
public interface IDashboardQueries
{
    /// <summary>
    /// SMTP AUTH in <paramref name="range"/>: successes and failures per hour (of the hours that overlap the range, as
    /// the line counts keep them, so they equal <c>report</c>'s), and the client addresses and usernames with the most
    /// failures (stored failures whose own time is in the range), <paramref name="top"/> of each.
    /// </summary>
    LoginActivity ReadLoginActivity(TimeRange range, int top);

    /// <summary>
    /// Final recipients by hour, direction and status (a fate, <see cref="TrafficStatus.Rejected"/> or
    /// <see cref="TrafficStatus.Returned"/>), of the hours that overlap <paramref name="range"/>, in no order.
    /// </summary>
    IReadOnlyList<TrafficRow> ReadTraffic(TimeRange range);

    /// <summary>The keys of <see cref="TrafficQuery.Dimension"/> with the largest counts, largest first (ties by key), at most <paramref name="limit"/>.</summary>
    IReadOnlyList<RankedCount> ReadTop(TrafficQuery query, int limit);

    /// <summary>
    /// The provider groups (<paramref name="groups"/>) of <see cref="TrafficQuery.Dimension"/>'s domains with the
    /// largest counts, largest first (ties by name), at most <paramref name="limit"/>: every domain counts towards its group.
    /// </summary>
    IReadOnlyList<RankedCount> ReadTopGroups(TrafficQuery query, Core.Classification.ProviderGroups groups, int limit);

    /// <summary>Every key of <see cref="TrafficQuery.Dimension"/> that starts with <paramref name="prefix"/>, with its count, largest first (ties by key).</summary>
    IReadOnlyList<RankedCount> ReadKeysWithPrefix(TrafficQuery query, string prefix);

    /// <summary>The counts of <paramref name="keys"/> per hour or per UTC day, in no order (periods without any left out).</summary>
    IReadOnlyList<KeyedPeriod> ReadSeries(TrafficQuery query, bool daily, IReadOnlyCollection<string> keys);

    /// <summary>One full reply for each of the failure causes (<see cref="Core.Reporting.FailureReason.Key"/>) asked for that has one.</summary>
    IReadOnlyDictionary<string, string> ReadReasonExamples(IReadOnlyCollection<string> reasons);
}

/// <summary>Which rollup counts to add up: a dimension over a range, of some directions and statuses.</summary>
/// <param name="Range">Counted in whole hours (<see cref="RollupPeriods.Aligned(TrafficDimension, TimeRange)"/>): the hours that overlap it, or the days for senders and recipients.</param>
public sealed record TrafficQuery(TrafficDimension Dimension, TimeRange Range, IReadOnlyCollection<Core.Tracking.Direction> Directions, IReadOnlyCollection<byte> Statuses);

/// <summary>One hour's count of one direction and status.</summary>
public sealed record TrafficRow(DateTime Hour, Core.Tracking.Direction Direction, byte Status, long Count, long DeferralAttempts);

/// <summary>A key's count in one hour or day.</summary>
public sealed record KeyedPeriod(DateTime Period, string Key, long Count);

/// <summary>SMTP AUTH over a range.</summary>
/// <param name="Hours">Hours with any AUTH, in order (hours without any are left out).</param>
public sealed record LoginActivity(IReadOnlyList<HourlyLogins> Hours, IReadOnlyList<RankedCount> FailingClients, IReadOnlyList<RankedCount> FailingUsernames);

/// <summary>SMTP AUTH in one UTC hour.</summary>
public sealed record HourlyLogins(DateTime Hour, long Successes, long Failures);

/// <summary>A key of a top list and its count.</summary>
public sealed record RankedCount(string Key, long Count);
