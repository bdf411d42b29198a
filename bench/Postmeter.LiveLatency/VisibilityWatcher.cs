using System.Collections.Concurrent;
using System.Diagnostics;
using Postmeter.Core.Tracking;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.LiveLatency;

/// <summary>How long something written at <see cref="WrittenAt"/> (Stopwatch ticks) took to become visible.</summary>
internal readonly record struct Sample(long WrittenAt, TimeSpan Latency);

/// <summary>
/// Reads the workspace as any reader does (read-only, beside the running postmeter). One thread reads the line
/// count every few milliseconds: a write is visible once the workspace counts its last line, because line counts,
/// rows and the tracker's state commit in one transaction. A second thread checks each probe for real — its message
/// must be found completed among the stored messages or the ones the saved tracker holds — and times that too
/// (an upper bound: it includes the checker's own queue).
/// </summary>
internal sealed class VisibilityWatcher(string workspace, PacedWriter writer, ApiWatcher api)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    private readonly BlockingCollection<Probe> _toCheck = [];

    public List<Sample> LineLatencies { get; } = [];

    public List<Sample> ProbeLineLatencies { get; } = [];

    public List<Sample> MessageLatencies { get; } = [];

    public ConcurrentQueue<string> Failures { get; } = new();

    public int Polls { get; private set; }

    /// <summary>Watches until <paramref name="writingDone"/> and every line written is visible, or <paramref name="timeout"/> passed since then.</summary>
    public void Run(Task writingDone, TimeSpan timeout)
    {
        using var store = OpenWhenCreated();
        var checking = Task.Run(CheckProbes);
        try
        {
            Poll(store, writingDone, timeout);
        }
        finally
        {
            _toCheck.CompleteAdding();
            api.Complete();
            checking.Wait();
        }
    }

    private void Poll(SqliteWorkspaceStore store, Task writingDone, TimeSpan timeout)
    {
        var drainClock = new Stopwatch();
        while (true)
        {
            var visible = store.ReadLineStatistics(TimeRange.All).Lines;
            var now = Stopwatch.GetTimestamp();
            Polls++;
            while (writer.Writes.TryPeek(out var write) && write.LinesTotal <= visible)
            {
                writer.Writes.TryDequeue(out _);
                LineLatencies.Add(new Sample(write.Timestamp, Stopwatch.GetElapsedTime(write.Timestamp, now)));
            }

            while (writer.Probes.TryPeek(out var probe) && probe.Line <= visible)
            {
                writer.Probes.TryDequeue(out _);
                ProbeLineLatencies.Add(new Sample(probe.Timestamp, Stopwatch.GetElapsedTime(probe.Timestamp, now)));
                _toCheck.Add(probe);
                api.Add(probe);
            }

            if (writingDone.IsCompleted)
            {
                if (visible >= writer.LinesWritten)
                {
                    return;
                }

                drainClock.Start();
                if (drainClock.Elapsed > timeout)
                {
                    Failures.Enqueue($"{timeout.TotalSeconds:0} s after the last write only {visible} of {writer.LinesWritten} lines are visible");
                    return;
                }
            }

            Thread.Sleep(PollEvery);
        }
    }

    private void CheckProbes()
    {
        using var store = OpenWhenCreated();
        foreach (var first in _toCheck.GetConsumingEnumerable())
        {
            // Every probe waiting is checked against one read of the saved tracker.
            var probes = new List<Probe> { first };
            while (_toCheck.TryTake(out var more))
            {
                probes.Add(more);
            }

            var inTracker = CompletedInSavedTracker(store);
            foreach (var probe in probes)
            {
                if (inTracker.Contains((probe.Host, probe.QueueId)) || store.ReadRawLines(probe.Host, probe.QueueId).Count > 0)
                {
                    MessageLatencies.Add(new Sample(probe.Timestamp, Stopwatch.GetElapsedTime(probe.Timestamp)));
                }
                else
                {
                    Failures.Enqueue($"line {probe.Line} is visible but message {probe.Host}/{probe.QueueId} is not found completed");
                }
            }
        }
    }

    /// <summary>The completed messages the saved tracker still holds (a message stays there a while before it is stored as a row).</summary>
    private static HashSet<(string Host, string QueueId)> CompletedInSavedTracker(SqliteWorkspaceStore store)
    {
        var completed = new CompletedMessages();
        store.ReadSavedTracker(completed);
        return completed.Keys;
    }

    /// <summary>The (host, queue id) of every saved message that has completed.</summary>
    private sealed class CompletedMessages : ISavedTrackerReceiver
    {
        public HashSet<(string Host, string QueueId)> Keys { get; } = [];

        public void Header(byte[] state) => Add(TrackerSnapshot.FromBytes(state).Messages);

        public void Message(byte[] state) => Add([TrackerSnapshot.MessageFromBytes(state)]);

        public void End()
        {
        }

        private void Add(IEnumerable<TrackerSnapshot.MessageState> messages)
        {
            foreach (var m in messages.Where(m => m.CompletedAt is not null))
            {
                Keys.Add((m.Host, m.QueueId));
            }
        }
    }

    private SqliteWorkspaceStore OpenWhenCreated()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return SqliteWorkspaceStore.Open(workspace, WorkspaceAccess.ReadOnly);
            }
            catch (WorkspaceException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }
        }
    }
}
