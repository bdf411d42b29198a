using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>Streams the stored authentication failures of a range in sequence order.</summary>
internal sealed class AuthFailureCursor : IRecordCursor
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader? _reader;

    public AuthFailureCursor(SqliteConnection connection, SqliteTransaction transaction, TimeRange range)
    {
        _command = connection.CreateCommand();
        if (!SequenceBounds.Of(connection, transaction, "auth_failures", "time", range, out var low, out var high))
        {
            return;
        }

        _command.Transaction = transaction;
        _command.CommandText =
            """
            SELECT seq, time, host, client_ip, username, mechanism, reason
            FROM auth_failures NOT INDEXED
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
        sink.OnAuthFailure(new AuthFailureRecord(
            Columns.Time(r, 1), r.GetString(2), Columns.NullableText(r, 3), Columns.NullableText(r, 4), r.GetString(5), r.GetString(6)));
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _command.Dispose();
    }
}
