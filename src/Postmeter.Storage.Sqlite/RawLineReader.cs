using System.Text;
using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>Finds the log lines kept for a message: by host and queue id (its first queue or a hop), or by its sequence number.</summary>
internal static class RawLineReader
{
    public static IReadOnlyList<string> Read(SqliteConnection connection, string host, string queueId)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        return Read(connection, transaction, command =>
            {
                command.Parameters.AddWithValue("$host", host);
                command.Parameters.AddWithValue("$queue_id", queueId);
            },
            """
            (
                SELECT seq FROM (
                    SELECT seq, first_seen FROM messages WHERE host = $host AND queue_id = $queue_id
                    UNION ALL
                    SELECT m2.seq, m2.first_seen FROM hops h JOIN messages m2 ON m2.seq = h.message_seq
                    WHERE h.queue_id = $queue_id AND m2.host = $host)
                ORDER BY first_seen DESC, seq DESC LIMIT 1)
            """);
    }

    /// <summary>The log lines kept for the stored message with that sequence number; empty if none.</summary>
    public static IReadOnlyList<string> Read(SqliteConnection connection, SqliteTransaction transaction, long sequence) =>
        Read(connection, transaction, command => command.Parameters.AddWithValue("$seq", sequence), "$seq");

    private static List<string> Read(
        SqliteConnection connection, SqliteTransaction transaction, Action<SqliteCommand> bind, string selectSeq)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"""
            SELECT m.raw_block, m.raw_offset, m.raw_length, b.codec, b.size, b.data
            FROM messages m LEFT JOIN raw_blocks b ON b.id = m.raw_block
            WHERE m.seq = {selectSeq}
            """;
        bind(command);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0) || reader.IsDBNull(3))
        {
            return [];
        }

        var offset = Columns.Count(reader, 1);
        var length = Columns.Count(reader, 2);
        var text = RawBlockCodec.Expand(Columns.Enum<RawCodec>(reader, 3), (byte[])reader.GetValue(5), Columns.Count(reader, 4));
        if ((long)offset + length > text.Length)
        {
            throw new InvalidDataException($"a message's log lines ({offset}+{length}) lie outside their raw block of {text.Length} bytes");
        }

        return Lines(text.AsSpan(offset, length));
    }

    private static List<string> Lines(ReadOnlySpan<byte> text)
    {
        var lines = new List<string>();
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            lines.Add(Encoding.UTF8.GetString(line));
            text = end < 0 ? [] : text[(end + 1)..];
        }

        return lines;
    }
}
