using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage;

/// <summary>What the importer hands the store at one commit point (besides the records it appended before).</summary>
public sealed class CommitBatch
{
    /// <summary>
    /// Messages, rejects and authentication failures in emission order; <c>Sequence</c> numbers them across kinds. Put
    /// them here with <see cref="Add"/>, which counts them in <see cref="Rollups"/> too.
    /// </summary>
    public List<EmittedRecord> Records { get; } = [];

    /// <summary>
    /// The rollup increments of this commit: of <see cref="Records"/>, and of every record appended ahead of the commit
    /// (<see cref="IImportWriter.Append"/>), which its writer adds here. The store adds them as they are.
    /// </summary>
    public RollupIncrements Rollups { get; } = new();

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

    /// <summary>Adds a record to the commit and its increments to <see cref="Rollups"/>.</summary>
    public void Add(EmittedRecord record)
    {
        Records.Add(record);
        Rollups.Add(record);
    }

    public bool HasRows => Records.Count > 0 || LineCounts.Count > 0;
}
