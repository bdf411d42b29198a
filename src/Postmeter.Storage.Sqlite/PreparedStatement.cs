using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// A statement of the writer, prepared once per connection and executed many times with its parameters bound by
/// position (the order of the names it was created with). It works on the connection's SQLite handle directly
/// (binding and stepping through <see cref="SqliteNative"/>):
/// <see cref="SqliteCommand"/> spends more per execution (parameters looked up by name, text converted to UTF-8 on
/// the managed heap, a data reader per call) than SQLite spends inserting the row, and a commit executes hundreds of
/// thousands of these. Strings are bound as UTF-8 from a reused buffer (SQLite copies them), so binding allocates nothing.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private const int Row = 100;
    private const int Done = 101;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly string _sql;
    private byte[] _utf8 = new byte[1024];

    public PreparedStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _connection = connection;
        _sql = sql;
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(handle, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
        for (var i = 0; i < parameterNames.Length; i++)
        {
            if (raw.sqlite3_bind_parameter_index(_statement, "$" + parameterNames[i]) != i + 1)
            {
                throw new ArgumentException($"Parameter ${parameterNames[i]} is not number {i + 1} of: {sql}", nameof(parameterNames));
            }
        }

        if (raw.sqlite3_bind_parameter_count(_statement) != parameterNames.Length)
        {
            throw new ArgumentException($"Expected {parameterNames.Length} parameters in: {sql}", nameof(parameterNames));
        }
    }

    /// <summary><c>INSERT INTO table (columns…) VALUES ($columns…)</c>, parameters in the order of the columns.</summary>
    public static PreparedStatement Insert(SqliteConnection connection, string table, params string[] columns) =>
        new(connection, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})", columns);

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Null(index);
            return;
        }

        // UTF-8 as the database stores it: .NET transcodes many bytes at a time, SQLite's own conversion one by one.
        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(SqliteNative.BindText(_handle, index + 1, _utf8.AsSpan(0, length)));
    }

    /// <summary>Binds text that is already UTF-8.</summary>
    public void Utf8Text(int index, ReadOnlySpan<byte> utf8) => Check(SqliteNative.BindText(_handle, index + 1, utf8));

    public void Integer(int index, long value) => Check(SqliteNative.BindInteger(_handle, index + 1, value));

    public void Integer(int index, long? value)
    {
        if (value is { } v)
        {
            Integer(index, v);
        }
        else
        {
            Null(index);
        }
    }

    public void Flag(int index, bool value) => Integer(index, value ? 1 : 0);

    public void Time(int index, DateTime value) => Integer(index, value.Ticks);

    public void Time(int index, DateTime? value) => Integer(index, value?.Ticks);

    public void Real(int index, double value)
    {
        if (double.IsNaN(value))
        {
            Null(index);
        }
        else
        {
            Check(SqliteNative.BindReal(_handle, index + 1, value));
        }
    }

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(SqliteNative.BindBlob(_handle, index + 1, value));

    public void Blob(int index, byte[]? value)
    {
        if (value is null)
        {
            Null(index);
        }
        else
        {
            Blob(index, value.AsSpan());
        }
    }

    public void Null(int index) => Check(SqliteNative.BindNull(_handle, index + 1));

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = SqliteNative.Step(_handle)) == Row)
            {
            }

            Check(rc);
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            // Reset repeats the error of the step, which Check has reported.
            _ = SqliteNative.Reset(_handle);
        }
    }

    /// <summary>Runs a query; returns the first column of its first row as an integer, or null (no row, or NULL).</summary>
    public long? ScalarInteger()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == Row)
            {
                return raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, 0);
            }

            Check(rc);
            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a query and collects the first column of every row, as integers.</summary>
    public void Integers(List<long> into)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == Row)
            {
                into.Add(raw.sqlite3_column_int64(_statement, 0));
            }

            Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is 0 or Done)
        {
            return;
        }

        var handle = _connection.Handle;
        var message = handle is null ? $"SQLite error {rc}" : raw.sqlite3_errmsg(handle).utf8_to_string();
        throw new SqliteException($"SQLite Error {rc}: '{message}' in: {_sql}", rc, handle is null ? rc : raw.sqlite3_extended_errcode(handle));
    }
}
