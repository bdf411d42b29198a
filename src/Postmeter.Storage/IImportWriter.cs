using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>
/// The importer's side of a workspace: one writer commits <see cref="CommitBatch"/>es, each in one transaction, and
/// finds where a restarted import goes on.
/// </summary>
public interface IImportWriter
{
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
}
