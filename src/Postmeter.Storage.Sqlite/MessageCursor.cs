using Microsoft.Data.Sqlite;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Streams the stored messages of a range in sequence order, each rebuilt with its hops, recipients and attempts.
/// The three tables are read side by side in message order (hops by their key, which starts with the message's
/// sequence number; recipients by id, which follows it), so nothing but the current message is held in memory.
/// </summary>
internal sealed class MessageCursor : IRecordCursor
{
    private readonly SqliteDataReader? _messages;
    private readonly ChildRows? _hops;
    private readonly ChildRows? _recipients;
    private readonly List<SqliteCommand> _commands = [];

    public MessageCursor(SqliteConnection connection, SqliteTransaction transaction, TimeRange range)
    {
        if (SequenceBounds.Of(connection, transaction, "messages", "completed_at", range, out var low, out var high))
        {
            _messages = OpenStretch(connection, transaction, low, high, range, out _hops, out _recipients);
        }
    }

    /// <summary>The messages with these sequence numbers, in sequence order: three queries whatever their number.</summary>
    private MessageCursor(SqliteConnection connection, SqliteTransaction transaction, string sequencesJson)
    {
        const string Seqs = "(SELECT value FROM json_each($seqs))";
        _messages = Open(connection, transaction, 0, 0, TimeRange.All, $"{MessageColumns} FROM messages WHERE seq IN {Seqs} ORDER BY seq", sequencesJson);
        _hops = new ChildRows(Open(connection, transaction, 0, 0, TimeRange.All,
            $"SELECT message_seq, queue_id FROM hops WHERE message_seq IN {Seqs} ORDER BY message_seq, idx", sequencesJson));
        _recipients = new ChildRows(Open(connection, transaction, 0, 0, TimeRange.All,
            $"""
            SELECT r.message_seq, r.address, r.orig_address, r.hop_queue_id, r.discarded_at, r.fate, r.fate_at, r.attempts
            FROM messages m JOIN recipients r ON r.id >= m.first_recipient_id AND r.id < m.first_recipient_id + m.recipient_rows
            WHERE m.seq IN {Seqs}
            ORDER BY r.id
            """,
            sequencesJson));
    }

    private const string MessageColumns =
        """
        SELECT seq, host, instance, queue_id, first_seen, last_seen, completed_at, completed_at_known, completion, origin,
               direction, received_at, message_id, sender, client_host, client_ip, sasl_username, size, recipient_count,
               returned_to_sender, notification_of, notification_kind, expired_at, held
        """;

    public bool HasCurrent { get; private set; }

    public long Sequence { get; private set; }

    /// <summary>The stored messages with these sequence numbers, rebuilt, by sequence number (those that are not there are left out).</summary>
    public static Dictionary<long, TrackedMessage> Load(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<long> sequences)
    {
        var messages = new Dictionary<long, TrackedMessage>(sequences.Count);
        if (sequences.Count == 0)
        {
            return messages;
        }

        using var cursor = new MessageCursor(connection, transaction, System.Text.Json.JsonSerializer.Serialize(sequences.Order()));
        for (cursor.MoveNext(); cursor.HasCurrent; cursor.MoveNext())
        {
            messages[cursor.Sequence] = cursor.Current();
        }

        return messages;
    }

    private SqliteDataReader OpenStretch(
        SqliteConnection connection, SqliteTransaction transaction, long low, long high, TimeRange range, out ChildRows hops, out ChildRows recipients)
    {
        var messages = Open(connection, transaction, low, high, range,
            $"""
            {MessageColumns}
            FROM messages NOT INDEXED
            WHERE seq BETWEEN $low AND $high AND completed_at >= $from AND completed_at < $to
            ORDER BY seq
            """);
        hops = new ChildRows(Open(connection, transaction, low, high, range,
            "SELECT message_seq, queue_id FROM hops WHERE message_seq BETWEEN $low AND $high ORDER BY message_seq, idx"));
        // A message's recipients are consecutive rows of recipients: read the stretch of the range's messages.
        recipients = new ChildRows(Open(connection, transaction, low, high, range,
            """
            SELECT message_seq, address, orig_address, hop_queue_id, discarded_at, fate, fate_at, attempts
            FROM recipients
            WHERE id >= (SELECT min(first_recipient_id) FROM messages WHERE seq BETWEEN $low AND $high AND recipient_rows > 0)
              AND id < (SELECT max(first_recipient_id + recipient_rows) FROM messages WHERE seq BETWEEN $low AND $high)
            ORDER BY id
            """));
        return messages;
    }

    public void MoveNext()
    {
        HasCurrent = _messages?.Read() == true;
        Sequence = HasCurrent ? _messages!.GetInt64(0) : long.MaxValue;
    }

    public void Emit(ITrackingSink sink) => sink.OnMessage(Current());

    public void Dispose()
    {
        _messages?.Dispose();
        _hops?.Dispose();
        _recipients?.Dispose();
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    private TrackedMessage Current()
    {
        var r = _messages!;
        var seq = r.GetInt64(0);
        var message = new TrackedMessage(Columns.Text(r, 1), Columns.Text(r, 2), Columns.Text(r, 3), Columns.Time(r, 4))
        {
            LastSeen = Columns.Time(r, 5),
            CompletedAt = Columns.Flag(r, 7) ? Columns.Time(r, 6) : null,
            Completion = Columns.Enum<Completion>(r, 8),
            Origin = Columns.Enum<MessageOrigin>(r, 9),
            Direction = Columns.Enum<Direction>(r, 10),
            ReceivedAt = Columns.NullableTime(r, 11),
            MessageId = Columns.NullableText(r, 12),
            Sender = Columns.NullableText(r, 13),
            ClientHost = Columns.NullableText(r, 14),
            ClientIp = Columns.NullableText(r, 15),
            SaslUsername = Columns.NullableText(r, 16),
            Size = Columns.NullableInteger(r, 17),
            RecipientCount = r.IsDBNull(18) ? null : Columns.Count(r, 18),
            ReturnedToSender = Columns.Flag(r, 19),
            NotificationOf = Columns.NullableText(r, 20),
            NotificationKind = Columns.NullableEnum<NotificationKind>(r, 21),
            ExpiredAt = Columns.NullableTime(r, 22),
            Held = Columns.Flag(r, 23),
        };

        for (var hops = _hops!; hops.AdvanceTo(seq); hops.Next())
        {
            message.Hops.Add(Columns.Text(hops.Reader, 1));
        }

        for (var recipients = _recipients!; recipients.AdvanceTo(seq); recipients.Next())
        {
            var row = recipients.Reader;
            var recipient = new TrackedRecipient(Columns.Text(row, 1), Columns.NullableText(row, 2))
            {
                HopQueueId = Columns.NullableText(row, 3),
                DiscardedAt = Columns.NullableTime(row, 4),
                Fate = Columns.Enum<Fate>(row, 5),
                FateAt = Columns.NullableTime(row, 6),
            };
            AttemptsJson.Decode(Columns.Utf8(row, 7), recipient.Attempts);
            message.Recipients.Add(recipient);
        }

        return message;
    }

    private SqliteDataReader Open(SqliteConnection connection, SqliteTransaction transaction, long low, long high, TimeRange range, string sql, string? sequencesJson = null)
    {
        var command = connection.CreateCommand();
        _commands.Add(command);
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$low", low);
        command.Parameters.AddWithValue("$high", high);
        command.Parameters.AddWithValue("$from", Columns.From(range));
        command.Parameters.AddWithValue("$to", Columns.To(range));
        command.Parameters.AddWithValue("$seqs", (object?)sequencesJson ?? DBNull.Value);
        return command.ExecuteReader();
    }

    /// <summary>Rows of a child table in message order; the first column is the message's sequence number.</summary>
    private sealed class ChildRows(SqliteDataReader reader) : IDisposable
    {
        private bool _has = reader.Read();

        public SqliteDataReader Reader { get; } = reader;

        /// <summary>Skips rows of earlier (filtered out) messages; true while the current row belongs to <paramref name="seq"/>.</summary>
        public bool AdvanceTo(long seq)
        {
            while (_has && Reader.GetInt64(0) < seq)
            {
                _has = Reader.Read();
            }

            return _has && Reader.GetInt64(0) == seq;
        }

        public void Next() => _has = Reader.Read();

        public void Dispose() => Reader.Dispose();
    }
}
