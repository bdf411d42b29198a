using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Streams the stored rows of a table keyed by <c>seq</c> with a <c>time</c> column (rejects, authentication
/// failures) of a range, in sequence order; <see cref="Rejects"/> and <see cref="AuthFailures"/> say how a row becomes
/// a record.
/// </summary>
internal sealed class TimedRecordCursor : IRecordCursor
{
    private readonly SqliteCommand _command;
    private readonly SqliteDataReader? _reader;
    private readonly Action<SqliteDataReader, ITrackingSink> _emit;

    private TimedRecordCursor(
        SqliteConnection connection, SqliteTransaction transaction, TimeRange range, string table, string columns, Action<SqliteDataReader, ITrackingSink> emit)
    {
        _emit = emit;
        _command = connection.CreateCommand();
        if (!SequenceBounds.Of(connection, transaction, table, "time", range, out var low, out var high))
        {
            return;
        }

        _command.Transaction = transaction;
        _command.CommandText =
            $"""
            SELECT {columns}
            FROM {table} NOT INDEXED
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

    /// <summary>The columns of a reject row, its sequence number first, as <see cref="RejectOf"/> reads them.</summary>
    public const string RejectColumns = "seq, time, host, queue_id, source, stage, client_host, client_ip, sender, recipient, code, dsn, reason, raw_line";

    public static TimedRecordCursor Rejects(SqliteConnection connection, SqliteTransaction transaction, TimeRange range) => new(
        connection, transaction, range, "rejects", RejectColumns, static (r, sink) => sink.OnReject(RejectOf(r)));

    /// <summary>The reject of a row of <see cref="RejectColumns"/>.</summary>
    public static RejectRecord RejectOf(SqliteDataReader r) => new(
        Columns.Time(r, 1), Columns.Text(r, 2), Columns.NullableText(r, 3), Columns.Text(r, 4), Columns.Text(r, 5), Columns.NullableText(r, 6),
        Columns.NullableText(r, 7), Columns.NullableText(r, 8), Columns.NullableText(r, 9), Columns.NullableText(r, 10),
        Columns.NullableText(r, 11), Columns.Text(r, 12))
    {
        RawLine = Columns.NullableText(r, 13),
    };

    public static TimedRecordCursor AuthFailures(SqliteConnection connection, SqliteTransaction transaction, TimeRange range) => new(
        connection, transaction, range, "auth_failures",
        "seq, time, host, client_ip, username, mechanism, reason",
        static (r, sink) => sink.OnAuthFailure(new AuthFailureRecord(
            Columns.Time(r, 1), Columns.Text(r, 2), Columns.NullableText(r, 3), Columns.NullableText(r, 4), Columns.Text(r, 5), Columns.Text(r, 6))));

    public void MoveNext()
    {
        HasCurrent = _reader?.Read() == true;
        Sequence = HasCurrent ? _reader!.GetInt64(0) : long.MaxValue;
    }

    public void Emit(ITrackingSink sink) => _emit(_reader!, sink);

    public void Dispose()
    {
        _reader?.Dispose();
        _command.Dispose();
    }
}
