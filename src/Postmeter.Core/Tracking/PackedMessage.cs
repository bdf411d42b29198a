using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>
/// An idle message in flight packed into one byte array: a quarter of the objects it takes as a
/// <see cref="TrackedMessage"/> (object headers, references, nullable fields, lists). Only a message no other message
/// refers to is packed (no hop links, nothing handed on), so the one unpacked later can stand in for it. Its change
/// counters travel with it, so the saved state sees the same message after a pack and unpack as before.
/// </summary>
/// <remarks>
/// Layout: its key (scope and packed queue id, which give back host, instance and queue id), state id, fingerprint,
/// first seen (ticks), last seen (delta) — the header a table, a save or a sweep reads without unpacking — then flags, the optional fields, strings, change counter, log lines, recipients and their attempts.
/// Times after the first are deltas in ticks; a string is null, a back reference to an equal one earlier in the same
/// message (replies and relays repeat from attempt to attempt), or its UTF-8 bytes.
/// </remarks>
internal sealed class PackedMessage
{
    private const int MaxBackReferences = 16;

    [Flags]
    private enum Fields : ushort
    {
        None = 0,
        ReceivedAt = 1,
        ExpiredAt = 2,
        Size = 4,
        RecipientCount = 8,
        ReturnedToSender = 16,
        Held = 32,
        NotificationKind = 64,
    }

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly string?[] _written = new string?[MaxBackReferences];
    private readonly StringCache _strings;
    private int _writtenCount;

    public PackedMessage(StringCache strings) => _strings = strings;

    /// <summary>The header of a packed message, read without unpacking it.</summary>
    public readonly record struct Header(long StateId, long Fingerprint, DateTime FirstSeen, DateTime LastSeen);

    /// <summary>
    /// Whether nothing refers to this message and nothing in it needs more than the packed layout holds; its queue id
    /// must be the one its key gives back (<paramref name="queueIdFromKey"/>), which leaves out odd ids.
    /// </summary>
    public static bool CanPack(TrackedMessage m, ReadOnlySpan<char> queueIdFromKey)
    {
        if (!queueIdFromKey.SequenceEqual(m.QueueId) || m.HopParent is not null || m.HopChildren is { Count: > 0 } || m.Hops.Count > 0 || m.Emitted || m.Settled
            || m.Completion != Completion.StillQueued || m.CompletedAt is not null || m.Direction != default)
        {
            return false;
        }

        var kind = m.FirstSeen.Kind;
        if (m.LastSeen.Kind != kind || m.ReceivedAt is { } r && r.Kind != kind || m.ExpiredAt is { } e && e.Kind != kind)
        {
            return false;
        }

        foreach (var recipient in m.Recipients)
        {
            if (recipient.HopQueueId is not null || recipient.DiscardedAt is { } d && d.Kind != kind)
            {
                return false;
            }

            foreach (var attempt in recipient.Attempts)
            {
                if (attempt.Time.Kind != kind)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Packs a message <see cref="CanPack"/> accepted.</summary>
    public byte[] Pack(TrackedMessage m, QueueKey key)
    {
        _buffer.ResetWrittenCount();
        _writtenCount = 0;
        Array.Clear(_written);
        var origin = m.FirstSeen;
        WriteVarint((ulong)key.Scope);
        WriteInt64((long)key.Low);
        WriteVarint(key.High);
        WriteVarint((ulong)m.StateId);
        WriteVarint((ulong)MessageFingerprint.Of(m));
        WriteInt64(origin.Ticks);
        WriteByte((byte)origin.Kind);
        WriteDelta(m.LastSeen, origin);

        var fields = Fields.None;
        fields |= m.ReceivedAt is not null ? Fields.ReceivedAt : 0;
        fields |= m.ExpiredAt is not null ? Fields.ExpiredAt : 0;
        fields |= m.Size is not null ? Fields.Size : 0;
        fields |= m.RecipientCount is not null ? Fields.RecipientCount : 0;
        fields |= m.ReturnedToSender ? Fields.ReturnedToSender : 0;
        fields |= m.Held ? Fields.Held : 0;
        fields |= m.NotificationKind is not null ? Fields.NotificationKind : 0;
        WriteVarint((ulong)fields);
        WriteByte((byte)m.Origin);
        if (m.ReceivedAt is { } received)
        {
            WriteDelta(received, origin);
        }

        if (m.ExpiredAt is { } expired)
        {
            WriteDelta(expired, origin);
        }

        if (m.Size is { } size)
        {
            WriteVarint(ZigZag(size));
        }

        if (m.RecipientCount is { } count)
        {
            WriteVarint(ZigZag(count));
        }

        if (m.NotificationKind is { } notification)
        {
            WriteVarint((ulong)notification);
        }

        WriteString(m.MessageId);
        WriteString(m.Sender);
        WriteString(m.ClientHost);
        WriteString(m.ClientIp);
        WriteString(m.SaslUsername);
        WriteString(m.NotificationOf);
        WriteVarint((ulong)m.Changes);
        WriteVarint((ulong)m.RawLines.Length);
        _buffer.Write(m.RawLines);
        WriteVarint((ulong)m.Recipients.Count);
        foreach (var recipient in m.Recipients)
        {
            WriteString(recipient.Address);
            WriteString(recipient.OrigAddress);
            WriteByte(recipient.DiscardedAt is null ? (byte)0 : (byte)1);
            if (recipient.DiscardedAt is { } discarded)
            {
                WriteDelta(discarded, origin);
            }

            WriteVarint((ulong)recipient.Changes);
            WriteVarint((ulong)recipient.Attempts.Count);
            foreach (var attempt in recipient.Attempts)
            {
                WriteDelta(attempt.Time, origin);
                WriteByte((byte)attempt.Status);
                WriteString(attempt.Daemon);
                WriteString(attempt.Relay);
                WriteString(attempt.Dsn);
                WriteString(attempt.Response);
                WriteString(attempt.Tls);
                WriteInt64(BitConverter.DoubleToInt64Bits(attempt.Delay));
            }
        }

        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>The key the message is filed under, which gives back its scope and queue id.</summary>
    public static QueueKey ReadKey(ReadOnlySpan<byte> packed)
    {
        var reader = new Reader(packed);
        return reader.Key();
    }

    public static Header ReadHeader(byte[] packed)
    {
        var reader = new Reader(packed);
        reader.Key();
        var stateId = (long)reader.Varint();
        var fingerprint = (long)reader.Varint();
        var firstSeen = reader.Origin();
        return new Header(stateId, fingerprint, firstSeen, reader.Time(firstSeen));
    }

    /// <summary>The message as it was packed; <paramref name="scopes"/> names the host and instance of its key.</summary>
    public TrackedMessage Unpack(byte[] packed, ScopeTable scopes)
    {
        var reader = new Reader(packed);
        var key = reader.Key();
        var (host, instance, queueId) = (scopes.HostOf(key.Scope), scopes.InstanceOf(key.Scope), key.QueueIdText());
        var stateId = (long)reader.Varint();
        reader.Varint();
        var origin = reader.Origin();
        var lastSeen = reader.Time(origin);
        var fields = (Fields)reader.Varint();
        var messageOrigin = (MessageOrigin)reader.Byte();
        DateTime? receivedAt = (fields & Fields.ReceivedAt) != 0 ? reader.Time(origin) : null;
        DateTime? expiredAt = (fields & Fields.ExpiredAt) != 0 ? reader.Time(origin) : null;
        long? size = (fields & Fields.Size) != 0 ? UnZigZag(reader.Varint()) : null;
        int? recipientCount = (fields & Fields.RecipientCount) != 0 ? (int)UnZigZag(reader.Varint()) : null;
        NotificationKind? notification = (fields & Fields.NotificationKind) != 0 ? (NotificationKind)reader.Varint() : null;
        _writtenCount = 0;
        var m = new TrackedMessage(host, instance, queueId, origin)
        {
            StateId = stateId,
            LastSeen = lastSeen,
            Origin = messageOrigin,
            ReceivedAt = receivedAt,
            ExpiredAt = expiredAt,
            Size = size,
            RecipientCount = recipientCount,
            NotificationKind = notification,
            ReturnedToSender = (fields & Fields.ReturnedToSender) != 0,
            Held = (fields & Fields.Held) != 0,
            MessageId = ReadString(ref reader, cache: false),
            Sender = ReadString(ref reader, cache: true),
            ClientHost = ReadString(ref reader, cache: true),
            ClientIp = ReadString(ref reader, cache: true),
            SaslUsername = ReadString(ref reader, cache: true),
            NotificationOf = ReadString(ref reader, cache: false),
        };
        var changes = (long)reader.Varint();
        m.AppendRawLines(reader.Bytes((int)reader.Varint()));
        var recipients = (int)reader.Varint();
        for (var i = 0; i < recipients; i++)
        {
            var recipient = m.RecipientFor(ReadString(ref reader, cache: true)!, ReadString(ref reader, cache: true));
            if (reader.Byte() != 0)
            {
                recipient.DiscardedAt = reader.Time(origin);
            }

            recipient.RestoreChanges((int)reader.Varint());
            var attempts = (int)reader.Varint();
            for (var a = 0; a < attempts; a++)
            {
                var time = reader.Time(origin);
                var status = (DeliveryStatus)reader.Byte();
                var daemon = ReadString(ref reader, cache: true)!;
                var relay = ReadString(ref reader, cache: true);
                var dsn = ReadString(ref reader, cache: true);
                var response = ReadString(ref reader, cache: status != DeliveryStatus.Sent);
                var tls = ReadString(ref reader, cache: true);
                var delay = BitConverter.Int64BitsToDouble(reader.Int64());
                recipient.Attempts.Add(new DeliveryAttempt(time, status, daemon, relay, dsn, response, delay, tls));
            }
        }

        m.RestoreChanges(changes);
        return m;
    }

    private void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarint(0);
            return;
        }

        for (var i = 0; i < _writtenCount; i++)
        {
            if (string.Equals(_written[i], value, StringComparison.Ordinal))
            {
                WriteVarint(1);
                WriteVarint((ulong)i);
                return;
            }
        }

        if (_writtenCount < MaxBackReferences)
        {
            _written[_writtenCount++] = value;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length + 2);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    private string? ReadString(ref Reader reader, bool cache)
    {
        var tag = reader.Varint();
        if (tag == 0)
        {
            return null;
        }

        if (tag == 1)
        {
            return _written[(int)reader.Varint()];
        }

        var bytes = reader.Bytes((int)(tag - 2));
        var value = cache ? _strings.Get(bytes) : Encoding.UTF8.GetString(bytes);
        if (_writtenCount < MaxBackReferences)
        {
            _written[_writtenCount++] = value;
        }

        return value;
    }

    private void WriteDelta(DateTime time, DateTime origin) => WriteVarint(ZigZag(time.Ticks - origin.Ticks));

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        for (; value >= 0x80; value >>= 7)
        {
            span[i++] = (byte)(value | 0x80);
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public byte Byte() => _data[_at++];

        public long Int64()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(_data[_at..]);
            _at += 8;
            return value;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _data[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public ReadOnlySpan<byte> Bytes(int length)
        {
            var bytes = _data.Slice(_at, length);
            _at += length;
            return bytes;
        }

        public QueueKey Key()
        {
            var scope = (int)Varint();
            var low = (ulong)Int64();
            return new QueueKey(scope, low, Varint());
        }

        public DateTime Origin()
        {
            var ticks = Int64();
            return new DateTime(ticks, (DateTimeKind)Byte());
        }

        public DateTime Time(DateTime origin) => new(origin.Ticks + UnZigZag(Varint()), origin.Kind);
    }
}
