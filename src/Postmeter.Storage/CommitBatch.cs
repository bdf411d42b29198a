using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>What the importer hands the store at one commit point (besides the records it appended before).</summary>
public sealed class CommitBatch
{
    /// <summary>Messages, rejects and authentication failures in emission order; <c>Sequence</c> numbers them across kinds.</summary>
    public List<EmittedRecord> Records { get; } = [];

    /// <summary>Sources whose position moved since the last commit.</summary>
    public List<SourceCheckpoint> Sources { get; } = [];

    /// <summary>Line counts per UTC hour read since the last commit (added to what is stored).</summary>
    public Dictionary<DateTime, LineStatistics> LineCounts { get; } = [];

    /// <summary>
    /// The tracker's in-flight state after the last line of this batch (<see cref="TrackerSnapshot.ToBytes"/>), without
    /// the messages when they come apart in <see cref="TrackerMessages"/>.
    /// </summary>
    public byte[]? TrackerState { get; set; }

    /// <summary>Changes to the tracker's messages saved apart (<see cref="IncrementalTrackerState"/>), if any.</summary>
    public TrackerMessageRows? TrackerMessages { get; set; }

    /// <summary>The sequence number the next emitted record will get.</summary>
    public long NextSequence { get; set; }

    public bool HasRows => Records.Count > 0 || LineCounts.Count > 0;
}
