using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>Streams the stored rejects of a range in sequence order.</summary>
internal sealed class RejectCursor : IRecordCursor
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader? _reader;

    public RejectCursor(SqliteConnection connection, SqliteTransaction transaction, TimeRange range)
    {
        _command = connection.CreateCommand();
        if (!SequenceBounds.Of(connection, transaction, "rejects", "time", range, out var low, out var high))
        {
            return;
        }

        _command.Transaction = transaction;
        _command.CommandText =
            """
            SELECT seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line
            FROM rejects NOT INDEXED
            WHERE seq BETWEEN $low AND $high AND time >= $from AND time < $to
            ORDER BY seq
            """;
        _command.Parameters.AddWithValue("$low", low);
        _command.Parameters.AddWithValue("$high", high);
        _command.Parameters.AddWithValue("$from", Columns.From(range));
        _command.Parameters.AddWithValue("$to", Columns.To(range));
        _reader = _command.ExecuteReader();
    }

    public bool HasCurrent { get; private set; }

    public long Sequence { get; private set; }

    public void MoveNext()
    {
        HasCurrent = _reader?.Read() == true;
        Sequence = HasCurrent ? _reader!.GetInt64(0) : long.MaxValue;
    }

    public void Emit(ITrackingSink sink)
    {
        var r = _reader!;
        sink.OnReject(new RejectRecord(
            Columns.Time(r, 1), r.GetString(2), Columns.NullableText(r, 3), r.GetString(4), r.GetString(5), Columns.NullableText(r, 6),
            Columns.NullableText(r, 7), Columns.NullableText(r, 8), Columns.NullableText(r, 9), Columns.NullableText(r, 10),
            Columns.NullableText(r, 11), r.GetString(12))
        {
            RawLine = Columns.NullableText(r, 13),
        });
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _command.Dispose();
    }
}
