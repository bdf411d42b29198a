using Postmeter.Core.Parsing;

namespace Postmeter.Ingest.Importing;

/// <summary>How an import reads lines and how often it commits.</summary>
public sealed record ImportSettings(LogFormat Format, int? StartingYear, TimeZoneInfo Zone)
{
    public const int DefaultCommitRecords = 50_000;

    /// <summary>Commit at least this often (wall time) while lines keep coming.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Live input (following, a live feed, sockets): the least time between two commits, so what is read becomes
    /// visible within about this long. Raised to ten times the last tracker snapshot's cost when that is larger, so a
    /// huge mail queue (whose state every commit saves) never takes more than a tenth of a core.
    /// </summary>
    public TimeSpan LiveCommitSpacing { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Commit once this many records (messages, rejects, auth failures) were emitted since the last commit, to bound
    /// the transaction (records are written as they come, so this does not bound memory; the writer's queue does).
    /// </summary>
    public int CommitRecords { get; init; } = DefaultCommitRecords;

    /// <summary>While following: how often the inputs are looked at again when no change notification came.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Lines between two position marks (the finest points a commit can be taken at).</summary>
    public int MarkEveryLines { get; init; } = 4096;
}
