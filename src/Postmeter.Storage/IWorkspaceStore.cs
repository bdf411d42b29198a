using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>
/// What Postmeter keeps about a workspace. One writer (the importer) commits <see cref="CommitBatch"/>es, each in
/// one transaction; readers replay and query. Implementations: SQLite (embedded default), PostgreSQL later — callers
/// only see this contract.
/// </summary>
public interface IWorkspaceStore : IDisposable
{
    /// <summary>Where the data lives, for messages (a file path, a server name).</summary>
    string Location { get; }

    /// <summary>Everything a restarted import needs: source positions, the tracker's saved state, the next sequence number.</summary>
    ImportState LoadImportState();

    /// <summary>
    /// Hands the tracker's saved state to <paramref name="receiver"/> a piece at a time, read in one transaction: the
    /// header (<see cref="CommitBatch.TrackerState"/>), each message saved apart in id order, then the end; so a
    /// restore never holds every saved row at once. Returns false, calling nothing, when nothing was committed yet.
    /// </summary>
    /// <exception cref="WorkspaceException">The receiver found the saved state damaged (<see cref="InvalidDataException"/>).</exception>
    bool ReadSavedTracker(ISavedTrackerReceiver receiver);

    /// <summary>
    /// Writes one record into the open commit, which the first record after a commit opens. Records are written as
    /// they come (so the importer hands them over as the tracker emits them, and none waits in memory), but none of
    /// them is visible or kept until <see cref="Commit"/>; a failure, or a store disposed or a process killed before
    /// then, leaves nothing of them.
    /// </summary>
    void Append(EmittedRecord record);

    /// <summary>
    /// Writes part of the tracker's saved messages into the open commit (opening one), ahead of <see cref="Commit"/>,
    /// so that the state of a large mail queue is handed over in parts rather than held whole. Parts apply in the order
    /// given, before the commit's own <see cref="CommitBatch.TrackerMessages"/>; like records, none is kept until the commit.
    /// </summary>
    void AppendTrackerMessages(TrackerMessageRows part);

    /// <summary>
    /// Ends the open commit atomically: the records appended since the last commit, the batch's own records, rollup
    /// increments, line counts, source positions and tracker state all become visible together, or none of them does.
    /// </summary>
    void Commit(CommitBatch batch);

    /// <summary>
    /// While the workspace holds no message yet, drops the indexes that serve only lookups (queue id, Message-ID,
    /// sender, recipient) so a first bulk import writes faster; returns whether it did. Queries stay correct, only
    /// slower, until <see cref="RestoreLookupIndexes"/>.
    /// </summary>
    bool DeferLookupIndexes();

    /// <summary>Builds the lookup indexes <see cref="DeferLookupIndexes"/> dropped, even in an earlier process that was killed.</summary>
    void RestoreLookupIndexes();

    /// <summary>
    /// Replays stored messages, rejects and authentication failures into <paramref name="sink"/> in the order the
    /// tracker emitted them. A message belongs to <see cref="TrackedMessage.EndedAt"/>; rejects and failures to their own time.
    /// </summary>
    void Replay(TimeRange range, ITrackingSink sink);

    /// <summary>
    /// What a reader of the workspace sees, from one snapshot: <see cref="Replay"/>, then the messages still in flight at
    /// the last commit, ended as a streaming run ends them at the end of its input (still queued), in the order it
    /// would, those of <paramref name="range"/> only; memory holds one of them at a time. Returns the saved tracker's
    /// count of lines about unknown queues.
    /// </summary>
    /// <exception cref="WorkspaceException">The saved state is damaged; found before anything goes to <paramref name="sink"/>.</exception>
    long ReplayToEnd(TimeRange range, ITrackingSink sink);

    /// <summary>Line counts of the hours that overlap <paramref name="range"/>.</summary>
    LineStatistics ReadLineStatistics(TimeRange range);

    /// <summary>The log lines kept (see <see cref="TrackedMessage.RawLines"/>) for the newest message on that host whose first queue or a hop has that queue id; empty if none.</summary>
    IReadOnlyList<string> ReadRawLines(string host, string queueId);

    /// <summary>Hourly rollup rows of the hours that overlap <paramref name="range"/>.</summary>
    IReadOnlyList<RollupRow> ReadRollups(TimeRange range);

    /// <summary>The newest log time stored (the reference for retention), or null for an empty workspace.</summary>
    DateTime? NewestLogTime();

    /// <summary>Deletes at most about <paramref name="maxRows"/> rows older than <paramref name="cutoff"/> in one short transaction; returns how many went (0: nothing left).</summary>
    int DeleteOlderThan(DateTime cutoff, int maxRows);

    string? GetSetting(string key);

    void SetSetting(string key, string value);
}
