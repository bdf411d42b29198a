using System.Collections.Concurrent;

namespace Postmeter.Ingest.Network;

/// <summary>
/// Where network listeners put the lines they receive, for the one reading thread to parse in order of arrival.
/// Bounded: when the reader falls behind, receiving waits, which slows the senders down (TCP) instead of growing.
/// </summary>
public sealed class LineFeed : IDisposable
{
    private readonly BlockingCollection<LineChunk> _chunks = new(256);

    public bool IsEmpty => _chunks.Count == 0;

    public void Add(LineChunk chunk, CancellationToken stop) => _chunks.Add(chunk, stop);

    /// <summary>The next chunk, waiting up to <paramref name="wait"/>; false when none came.</summary>
    public bool TryTake(out LineChunk chunk, TimeSpan wait, CancellationToken stop)
    {
        try
        {
            return _chunks.TryTake(out chunk!, (int)wait.TotalMilliseconds, stop);
        }
        catch (OperationCanceledException)
        {
            chunk = null!;
            return false;
        }
    }

    public void Dispose() => _chunks.Dispose();
}
