using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// A statement prepared once per connection and executed many times, with its parameters set by position (the order
/// of the names it was created with). Boxed small integers are shared, so enums and flags allocate nothing.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private static readonly object[] SmallIntegers = [.. Enumerable.Range(-1, 258).Select(i => (object)(long)i)];

    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter("$" + parameterNames[i], DBNull.Value));
        }

        _command.Prepare();
    }

    /// <summary><c>INSERT INTO table (columns…) VALUES ($columns…)</c>, parameters in the order of the columns.</summary>
    public static PreparedStatement Insert(SqliteConnection connection, string table, params string[] columns) =>
        new(connection, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})", columns);

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Text(int index, string? value) => _parameters[index].Value = value is null ? DBNull.Value : value;

    public void Integer(int index, long value) =>
        _parameters[index].Value = value is >= -1 and <= 256 ? SmallIntegers[value + 1] : value;

    public void Integer(int index, long? value)
    {
        if (value is { } v)
        {
            Integer(index, v);
        }
        else
        {
            _parameters[index].Value = DBNull.Value;
        }
    }

    public void Flag(int index, bool value) => Integer(index, value ? 1 : 0);

    public void Time(int index, DateTime value) => _parameters[index].Value = value.Ticks;

    public void Time(int index, DateTime? value) => _parameters[index].Value = value is { } t ? t.Ticks : DBNull.Value;

    public void Real(int index, double value) => _parameters[index].Value = double.IsNaN(value) ? DBNull.Value : value;

    public void Blob(int index, byte[]? value) => _parameters[index].Value = value is null ? DBNull.Value : value;

    /// <summary>Runs the statement; returns the rows changed.</summary>
    public int Execute() => _command.ExecuteNonQuery();

    /// <summary>Runs a query and returns its first column of the first row.</summary>
    public object? Scalar() => _command.ExecuteScalar();

    public SqliteDataReader Query() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}
