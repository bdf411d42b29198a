using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>One kind of stored record, streamed in sequence order, for the merge in <see cref="RecordReplayer"/>.</summary>
internal interface IRecordCursor : IDisposable
{
    bool HasCurrent { get; }

    /// <summary>The current record's sequence number (<see cref="long.MaxValue"/> once there is none).</summary>
    long Sequence { get; }

    void MoveNext();

    void Emit(ITrackingSink sink);
}
