namespace Postmeter.Storage.Dashboard;

/// <summary>The dashboard's questions to a workspace, answered with read models (never the tracker's state).</summary>
public interface IDashboardQueries
{
    /// <summary>
    /// SMTP AUTH in <paramref name="range"/>: successes and failures per hour (of the hours that overlap the range, as
    /// the line counts keep them, so they equal <c>report</c>'s), and the client addresses and usernames with the most
    /// failures (stored failures whose own time is in the range), <paramref name="top"/> of each.
    /// </summary>
    LoginActivity ReadLoginActivity(TimeRange range, int top);
}

/// <summary>SMTP AUTH over a range.</summary>
/// <param name="Hours">Hours with any AUTH, in order (hours without any are left out).</param>
public sealed record LoginActivity(IReadOnlyList<HourlyLogins> Hours, IReadOnlyList<RankedCount> FailingClients, IReadOnlyList<RankedCount> FailingUsernames);

/// <summary>SMTP AUTH in one UTC hour.</summary>
public sealed record HourlyLogins(DateTime Hour, long Successes, long Failures);

/// <summary>A key of a top list and its count.</summary>
public sealed record RankedCount(string Key, long Count);
