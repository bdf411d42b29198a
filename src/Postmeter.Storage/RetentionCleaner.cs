namespace Postmeter.Storage;

/// <summary>
/// Deletes what is older than the retention period — measured back from the newest log time in the workspace, not
/// from the clock, so an import of old logs keeps them — in small transactions with a pause between them, so that a
/// concurrent importer's commits wait at most one small batch. Give it a store of its own: for SQLite,
/// <see cref="IWorkspaceMaintenance.OpenCompanion"/> of the importer's store.
/// </summary>
public sealed class RetentionCleaner(IWorkspaceMaintenance store, TimeSpan retention, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Rows per transaction: a few milliseconds of work.</summary>
    public int BatchRows { get; init; } = 1000;

    /// <summary>Pause between transactions, in which a waiting commit goes first.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The cutoff for the workspace as it is now: older data goes; null when nothing is old enough.</summary>
    public DateTime? Cutoff()
    {
        if (store.NewestLogTime() is not { } newest || newest.Ticks <= retention.Ticks)
        {
            return null;
        }

        return newest - retention;
    }

    /// <summary>
    /// Deletes everything older than the retention period at once, batch by batch without pausing, for when nothing
    /// else writes (the end of an import); returns how many rows went.
    /// </summary>
    public long RunNow()
    {
        if (Cutoff() is not { } cutoff)
        {
            return 0;
        }

        long total = 0;
        int deleted;
        while ((deleted = store.DeleteOlderThan(cutoff, BatchRows)) > 0)
        {
            total += deleted;
        }

        return total;
    }

    /// <summary>Deletes everything older than the retention period, batch by batch; returns how many rows went.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        if (Cutoff() is not { } cutoff)
        {
            return 0;
        }

        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = store.DeleteOlderThan(cutoff, BatchRows);
            if (deleted == 0)
            {
                return total;
            }

            total += deleted;
            await Task.Delay(Pause, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
