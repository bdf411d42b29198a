using Microsoft.Data.Sqlite;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Writes commits on the writer connection, with statements prepared once and reused: records are written as they
/// are appended, inside a transaction the first of them opens, and <see cref="Commit"/> adds the raw blocks, the batch's rollup
/// increments, line counts, source positions and tracker state and commits it all at once. Until then nothing of it
/// is visible, and <see cref="Abandon"/> (or a failure, or a process that dies) leaves nothing of it.
/// </summary>
internal sealed class CommitWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawLinePacker _packer;
    private readonly PreparedStatement _message;
    private readonly PreparedStatement _recipient;
    private readonly PreparedStatement _hop;
    private readonly PreparedStatement _reject;
    private readonly PreparedStatement _authFailure;
    private readonly PreparedStatement _rawBlock;
    private readonly PreparedStatement _nextBlockId;
    private readonly PreparedStatement _nextRecipientId;
    private readonly RollupWriter _rollups;
    private readonly PreparedStatement _lineHour;
    private readonly PreparedStatement _lineCount;
    private readonly PreparedStatement _source;
    private readonly PreparedStatement _trackerState;
    private readonly PreparedStatement _trackerMessage;
    private readonly PreparedStatement _trackerMessageGone;
    private readonly PreparedStatement _trackerMessagesCleared;
    private readonly PreparedStatement _trackerMessagesWritten;
    private readonly PreparedStatement[] _all;
    private readonly AttemptsJson _attempts = new();
    private readonly Rollups.DomainNames _domains = new();
    private readonly Queue<PendingBlock> _blocks = new();
    private SqliteTransaction? _transaction;
    private long _highestSequence = -1;
    private long _nextRecipient;

    // The number of this commit among those that wrote the tracker's messages (tracker_state.messages_written).
    private long _messagesWritten;

    public CommitWriter(SqliteConnection connection, RawBlockCodec codec)
    {
        _connection = connection;
        _packer = new RawLinePacker(codec);
        _message = PreparedStatement.Insert(connection, "messages",
            "seq", "host", "instance", "queue_id", "first_seen", "last_seen", "completed_at", "completed_at_known", "completion",
            "origin", "direction", "received_at", "message_id", "sender", "client_host", "client_ip", "sasl_username", "size",
            "recipient_count", "returned_to_sender", "notification_of", "notification_kind", "expired_at", "held",
            "raw_block", "raw_offset", "raw_length", "first_recipient_id", "recipient_rows", "sender_domain");
        _recipient = PreparedStatement.Insert(connection, "recipients",
            "id", "message_seq", "idx", "address", "orig_address", "hop_queue_id", "discarded_at", "fate", "fate_at", "attempts", "domain", "relay_key");
        _hop = PreparedStatement.Insert(connection, "hops", "message_seq", "idx", "queue_id");
        _reject = PreparedStatement.Insert(connection, "rejects",
            "seq", "time", "host", "queue_id", "source", "stage", "client_host", "client_ip", "sender", "recipient", "code", "dsn",
            "reason", "raw_line", "sender_domain", "recipient_domain");
        _authFailure = PreparedStatement.Insert(connection, "auth_failures",
            "seq", "time", "host", "client_ip", "username", "mechanism", "reason");
        _rawBlock = PreparedStatement.Insert(connection, "raw_blocks", "id", "newest_time", "codec", "size", "data");
        _nextBlockId = new PreparedStatement(connection,
            "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'raw_blocks'), 0) + 1");
        _nextRecipientId = new PreparedStatement(connection, "SELECT coalesce(max(id), 0) + 1 FROM recipients");
        _rollups = new RollupWriter(connection);
        _lineHour = new PreparedStatement(connection,
            """
            INSERT INTO line_hours (hour, first_time, last_time, postfix_version) VALUES ($hour, $first_time, $last_time, $postfix_version)
            ON CONFLICT (hour) DO UPDATE SET
                first_time = coalesce(min(first_time, excluded.first_time), first_time, excluded.first_time),
                last_time = coalesce(max(last_time, excluded.last_time), last_time, excluded.last_time),
                postfix_version = coalesce(excluded.postfix_version, postfix_version)
            """,
            "hour", "first_time", "last_time", "postfix_version");
        _lineCount = new PreparedStatement(connection,
            """
            INSERT INTO line_counts (hour, counter, count) VALUES ($hour, $counter, $count)
            ON CONFLICT (hour, counter) DO UPDATE SET count = count + excluded.count
            """,
            "hour", "counter", "count");
        _source = new PreparedStatement(connection,
            """
            INSERT INTO sources (key, name, prefix_hash, prefix_length, offset, lines, clock_year, clock_last_day_key, updated_at)
            VALUES ($key, $name, $prefix_hash, $prefix_length, $offset, $lines, $clock_year, $clock_last_day_key, $updated_at)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name, prefix_hash = excluded.prefix_hash,
                prefix_length = excluded.prefix_length, offset = excluded.offset, lines = excluded.lines,
                clock_year = excluded.clock_year, clock_last_day_key = excluded.clock_last_day_key, updated_at = excluded.updated_at
            """,
            "key", "name", "prefix_hash", "prefix_length", "offset", "lines", "clock_year", "clock_last_day_key", "updated_at");
        _trackerState = new PreparedStatement(connection,
            """
            INSERT INTO tracker_state (id, state, next_sequence, messages_written) VALUES (1, $state, $next_sequence, $messages_written)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, next_sequence = max(next_sequence, excluded.next_sequence),
                messages_written = excluded.messages_written
            """,
            "state", "next_sequence", "messages_written");
        _trackerMessagesWritten = new PreparedStatement(connection, "SELECT coalesce((SELECT messages_written FROM tracker_state WHERE id = 1), 0) + 1");
        _trackerMessage = new PreparedStatement(connection,
            "INSERT OR REPLACE INTO tracker_messages (id, state, written) VALUES ($id, $state, $written)", "id", "state", "written");
        _trackerMessageGone = new PreparedStatement(connection, "DELETE FROM tracker_messages WHERE id = $id", "id");
        _trackerMessagesCleared = new PreparedStatement(connection, "DELETE FROM tracker_messages");
        _all = [_message, _recipient, _hop, _reject, _authFailure, _rawBlock, _nextBlockId, _nextRecipientId, .. _rollups.Statements, _lineHour, _lineCount, _source, _trackerState,
            _trackerMessage, _trackerMessageGone, _trackerMessagesCleared, _trackerMessagesWritten];
    }

    /// <summary>Called between writing the rows and committing; tests make it throw to check that nothing is left.</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>Whether records were appended since the last commit.</summary>
    public bool IsOpen => _transaction is not null;

    /// <summary>Writes one record into the open commit, opening one first if none is.</summary>
    public void Append(EmittedRecord record)
    {
        Open();
        switch (record)
        {
            case EmittedMessage message:
                WriteMessage(message.Sequence, message.Tracked);
                break;
            case EmittedReject reject:
                WriteReject(reject.Sequence, reject.Refusal);
                break;
            case EmittedAuthFailure failure:
                WriteAuthFailure(failure.Sequence, failure.Failure);
                break;
        }

        _highestSequence = Math.Max(_highestSequence, record.Sequence);
        while (_blocks.TryPeek(out var pending) && pending.IsDone)
        {
            WriteBlock(_blocks.Dequeue().Result);
        }
    }

    /// <summary>Writes part of the tracker's saved messages into the open commit, opening one first if none is.</summary>
    public void AppendTrackerMessages(TrackerMessageRows part)
    {
        Open();
        WriteTrackerMessages(part);
    }

    /// <summary>Appends the batch's records, writes the rest of the batch and commits everything appended since the last commit.</summary>
    public void Commit(CommitBatch batch)
    {
        foreach (var record in batch.Records)
        {
            Append(record);
        }

        if (_highestSequence >= batch.NextSequence)
        {
            var highest = _highestSequence;
            Abandon();
            throw new ArgumentException($"Record {highest} is not below the batch's next sequence number {batch.NextSequence}.", nameof(batch));
        }

        Open();
        if (_packer.HasOpenBlock)
        {
            _blocks.Enqueue(_packer.Seal());
        }

        while (_blocks.TryDequeue(out var pending))
        {
            WriteBlock(pending.Result);
        }

        _rollups.Write(batch.Rollups);
        foreach (var (hour, counts) in batch.LineCounts)
        {
            WriteLineCounts(hour, counts);
        }

        foreach (var source in batch.Sources)
        {
            WriteSource(source);
        }

        _trackerState.Blob(0, batch.TrackerState);
        _trackerState.Integer(1, batch.NextSequence);
        _trackerState.Integer(2, _messagesWritten);
        _trackerState.Execute();
        if (batch.TrackerMessages is { } messages)
        {
            WriteTrackerMessages(messages);
        }

        BeforeCommit?.Invoke();
        _transaction!.Commit();
        Close();
    }

    private void WriteTrackerMessages(TrackerMessageRows messages)
    {
        if (messages.ReplaceAll)
        {
            _trackerMessagesCleared.Execute();
        }

        foreach (var id in messages.Removed)
        {
            _trackerMessageGone.Integer(0, id);
            _trackerMessageGone.Execute();
        }

        foreach (var (id, state) in messages.Changed)
        {
            _trackerMessage.Integer(0, id);
            _trackerMessage.Blob(1, state);
            _trackerMessage.Integer(2, _messagesWritten);
            _trackerMessage.Execute();
        }
    }

    /// <summary>Rolls back what was appended since the last commit, if anything was.</summary>
    public void Abandon()
    {
        if (_transaction is { } transaction)
        {
            try
            {
                transaction.Rollback();
            }
            finally
            {
                Close();
            }
        }
    }

    private void Open()
    {
        if (_transaction is not null)
        {
            return;
        }

        _transaction = _connection.BeginTransaction(deferred: false);
        _packer.Begin(_nextBlockId.ScalarInteger() ?? 1);
        _nextRecipient = _nextRecipientId.ScalarInteger() ?? 1;
        _messagesWritten = _trackerMessagesWritten.ScalarInteger() ?? 1;
    }

    private void Close()
    {
        // Blocks still compressing belong to the commit being dropped; their results are not needed.
        _blocks.Clear();
        _transaction?.Dispose();
        _transaction = null;
        _highestSequence = -1;
    }

    public void Dispose()
    {
        Abandon();
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    private void WriteMessage(long seq, TrackedMessage message)
    {
        var belongsTo = message.EndedAt;
        RawPlacement? raw = null;
        if (!message.RawLines.IsEmpty)
        {
            raw = _packer.Add(message.RawLines, belongsTo);
        }

        var m = _message;
        m.Integer(0, seq);
        m.Text(1, message.Host);
        m.Text(2, message.Instance);
        m.Text(3, message.QueueId);
        m.Time(4, message.FirstSeen);
        m.Time(5, message.LastSeen);
        m.Time(6, belongsTo);
        m.Flag(7, message.CompletedAt is not null);
        m.Integer(8, (long)message.Completion);
        m.Integer(9, (long)message.Origin);
        m.Integer(10, (long)message.Direction);
        m.Time(11, message.ReceivedAt);
        m.Text(12, message.MessageId);
        m.Text(13, message.Sender);
        m.Text(14, message.ClientHost);
        m.Text(15, message.ClientIp);
        m.Text(16, message.SaslUsername);
        m.Integer(17, message.Size);
        m.Integer(18, message.RecipientCount);
        m.Flag(19, message.ReturnedToSender);
        m.Text(20, message.NotificationOf);
        m.Integer(21, message.NotificationKind is { } kind ? (long)kind : null);
        m.Time(22, message.ExpiredAt);
        m.Flag(23, message.Held);
        m.Integer(24, raw?.BlockId);
        m.Integer(25, raw?.Offset);
        m.Integer(26, raw?.Length);
        m.Integer(27, _nextRecipient);
        m.Integer(28, message.Recipients.Count);
        m.Text(29, _domains.LookupDomainOf(message.Sender));
        m.Execute();

        for (var i = 0; i < message.Hops.Count; i++)
        {
            _hop.Integer(0, seq);
            _hop.Integer(1, i);
            _hop.Text(2, message.Hops[i]);
            _hop.Execute();
        }

        for (var i = 0; i < message.Recipients.Count; i++)
        {
            WriteRecipient(seq, i, message.Recipients[i]);
        }

        if (_packer.IsFull)
        {
            _blocks.Enqueue(_packer.Seal());
        }
    }

    private void WriteRecipient(long seq, int index, TrackedRecipient recipient)
    {
        var r = _recipient;
        r.Integer(0, _nextRecipient++);
        r.Integer(1, seq);
        r.Integer(2, index);
        r.Text(3, recipient.Address);
        r.Text(4, recipient.OrigAddress);
        r.Text(5, recipient.HopQueueId);
        r.Time(6, recipient.DiscardedAt);
        r.Integer(7, (long)recipient.Fate);
        r.Time(8, recipient.FateAt);
        r.Utf8Text(9, _attempts.Encode(recipient.Attempts));
        r.Text(10, _domains.LookupDomainOf(recipient.Address));
        r.Text(11, LookupKeys.RelayKeyOf(recipient.LastAttempt?.Relay));
        r.Execute();
    }

    private void WriteReject(long seq, RejectRecord reject)
    {
        var r = _reject;
        r.Integer(0, seq);
        r.Time(1, reject.Time);
        r.Text(2, reject.Host);
        r.Text(3, reject.QueueId);
        r.Text(4, reject.Source);
        r.Text(5, reject.Stage);
        r.Text(6, reject.ClientHost);
        r.Text(7, reject.ClientIp);
        r.Text(8, reject.Sender);
        r.Text(9, reject.Recipient);
        r.Text(10, reject.Code);
        r.Text(11, reject.Dsn);
        r.Text(12, reject.Reason);
        r.Text(13, reject.RawLine);
        r.Text(14, _domains.LookupDomainOf(reject.Sender));
        r.Text(15, _domains.LookupDomainOf(reject.Recipient));
        r.Execute();
    }

    private void WriteAuthFailure(long seq, AuthFailureRecord failure)
    {
        var a = _authFailure;
        a.Integer(0, seq);
        a.Time(1, failure.Time);
        a.Text(2, failure.Host);
        a.Text(3, failure.ClientIp);
        a.Text(4, failure.Username);
        a.Text(5, failure.Mechanism);
        a.Text(6, failure.Reason);
        a.Execute();
    }

    private void WriteBlock(SealedBlock block)
    {
        _rawBlock.Integer(0, block.Id);
        _rawBlock.Time(1, block.NewestTime);
        _rawBlock.Integer(2, (long)block.Codec);
        _rawBlock.Integer(3, block.Size);
        _rawBlock.Blob(4, block.Data);
        _rawBlock.Execute();
    }

    private void WriteLineCounts(DateTime hour, LineStatistics counts)
    {
        _lineHour.Time(0, hour);
        _lineHour.Time(1, counts.FirstTime);
        _lineHour.Time(2, counts.LastTime);
        _lineHour.Text(3, counts.PostfixVersion);
        _lineHour.Execute();
        foreach (var (counter, count) in counts.Counters())
        {
            if (count == 0)
            {
                continue;
            }

            _lineCount.Time(0, hour);
            _lineCount.Text(1, counter);
            _lineCount.Integer(2, count);
            _lineCount.Execute();
        }
    }

    private void WriteSource(SourceCheckpoint source)
    {
        var s = _source;
        s.Text(0, source.Key);
        s.Text(1, source.Name);
        s.Blob(2, source.PrefixHash);
        s.Integer(3, source.PrefixLength);
        s.Integer(4, source.Offset);
        s.Integer(5, source.Lines);
        s.Integer(6, source.ClockYear);
        s.Integer(7, source.ClockLastDayKey);
        s.Time(8, source.UpdatedAt);
        s.Execute();
    }
}
