using Postmeter.Core.Processing;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Placed between lines by the reading thread: where the source stands after the lines before it, and the line
/// counts read since the previous mark. <see cref="Final"/> asks for a commit right there; <see cref="Reached"/>, when
/// given, is set once the tracking thread has handed that commit to the store writer.
/// </summary>
internal sealed record PositionMark(
    SourceCheckpoint? Checkpoint, IReadOnlyDictionary<DateTime, LineStatistics> Counts, bool Final, ManualResetEventSlim? Reached = null);
