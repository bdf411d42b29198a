using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>The read side of a workspace: replays and queries, each from one snapshot.</summary>
public interface IWorkspaceReader
{
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
}
