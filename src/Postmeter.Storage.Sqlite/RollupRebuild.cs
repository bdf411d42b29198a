using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Rollups;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Fills the rollup tables from the stored messages and rejects, in the migration's transaction: what the commits of
/// an import would have added, had they been written with this schema. Memory stays bounded: the increments are
/// written every <see cref="FlushEvery"/> records.
/// </summary>
internal sealed class RollupRebuild : ITrackingSink
{
    private const int FlushEvery = 20_000;

    private readonly RollupIncrements _increments = new();
    private readonly RollupWriter _writer;
    private int _pending;

    private RollupRebuild(RollupWriter writer) => _writer = writer;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var writer = new RollupWriter(connection);
        var rebuild = new RollupRebuild(writer);
        RecordReplayer.Replay(connection, transaction, TimeRange.All, rebuild);
        rebuild.Flush();
    }

    public void OnMessage(TrackedMessage message)
    {
        _increments.Add(message);
        Counted();
    }

    public void OnReject(RejectRecord reject)
    {
        _increments.Add(reject);
        Counted();
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
    }

    private void Counted()
    {
        if (++_pending >= FlushEvery)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _writer.Write(_increments);
        _increments.Clear();
        _pending = 0;
    }
}
