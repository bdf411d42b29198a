using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>
/// Parsed lines copied out of the reader's buffer so another thread can track them: every span of the
/// <see cref="Envelope"/> and <see cref="PostfixEvent"/> is appended to one byte arena and kept as (offset, length).
/// Batches are reused; nothing is allocated per line once the arena has grown to its working size.
/// </summary>
internal sealed class EventBatch
{
    private const int SpanFields = 24;

    private byte[] _arena = new byte[1 << 20];
    private int _used;
    private readonly Record[] _records;

    public EventBatch(int capacity) => _records = new Record[capacity];

    public int Count { get; private set; }

    /// <summary>Markers placed between lines: each is reached once every line added before it has been tracked.</summary>
    public List<(int Index, object Marker)> Markers { get; } = [];

    public bool IsEmpty => Count == 0 && Markers.Count == 0;

    public bool IsFull => Count == _records.Length || _used > _arena.Length - (64 * 1024);

    public void Clear()
    {
        Count = 0;
        _used = 0;
        Markers.Clear();
    }

    public void Add(scoped in Envelope envelope, scoped in PostfixEvent e, ReadOnlySpan<byte> rawLine = default)
    {
        ref var r = ref _records[Count++];
        r.Time = envelope.Time;
        r.Kind = e.Kind;
        r.Status = e.Status;
        r.Notification = e.Notification;
        r.Delay = e.Delay;
        r.Size = e.Size;
        r.RecipientCount = e.RecipientCount;
        Span<Slice> s = r.Spans;
        s[0] = Copy(envelope.Host);
        s[1] = Copy(envelope.Instance);
        s[2] = Copy(envelope.Daemon);
        s[3] = Copy(e.QueueId);
        s[4] = Copy(e.Address);
        s[5] = Copy(e.OrigTo);
        s[6] = Copy(e.Sender);
        s[7] = Copy(e.Relay);
        s[8] = Copy(e.Dsn);
        s[9] = Copy(e.Text);
        s[10] = Copy(e.Tls);
        s[11] = Copy(e.ClientHost);
        s[12] = Copy(e.ClientIp);
        s[13] = Copy(e.SaslMethod);
        s[14] = Copy(e.SaslUsername);
        s[15] = Copy(e.MessageId);
        s[16] = Copy(e.ChildQueueId);
        s[17] = Copy(e.Stage);
        s[18] = Copy(e.ReplyCode);
        s[19] = Copy(e.Helo);
        s[20] = Copy(e.Action);
        s[21] = Copy(e.Version);
        s[22] = Copy(envelope.Program);
        s[23] = Copy(rawLine);
    }

    public void Mark(object marker) => Markers.Add((Count, marker));

    public ReadOnlySpan<byte> RawLine(int index) => At(_records[index].Spans[23]);

    public void Get(int index, out Envelope envelope, out PostfixEvent e)
    {
        ref readonly var r = ref _records[index];
        ReadOnlySpan<Slice> s = r.Spans;
        envelope = default;
        envelope.Time = r.Time;
        envelope.Host = At(s[0]);
        envelope.Instance = At(s[1]);
        envelope.Daemon = At(s[2]);
        envelope.Program = At(s[22]);
        e = default;
        e.Kind = r.Kind;
        e.Status = r.Status;
        e.Notification = r.Notification;
        e.Delay = r.Delay;
        e.Size = r.Size;
        e.RecipientCount = r.RecipientCount;
        e.QueueId = At(s[3]);
        e.Address = At(s[4]);
        e.OrigTo = At(s[5]);
        e.Sender = At(s[6]);
        e.Relay = At(s[7]);
        e.Dsn = At(s[8]);
        e.Text = At(s[9]);
        e.Tls = At(s[10]);
        e.ClientHost = At(s[11]);
        e.ClientIp = At(s[12]);
        e.SaslMethod = At(s[13]);
        e.SaslUsername = At(s[14]);
        e.MessageId = At(s[15]);
        e.ChildQueueId = At(s[16]);
        e.Stage = At(s[17]);
        e.ReplyCode = At(s[18]);
        e.Helo = At(s[19]);
        e.Action = At(s[20]);
        e.Version = At(s[21]);
    }

    private Slice Copy(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return default;
        }

        if (_used + value.Length > _arena.Length)
        {
            // Only an oversized line gets here (IsFull keeps 64 KiB spare); earlier slices stay valid after the copy.
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + value.Length));
        }

        value.CopyTo(_arena.AsSpan(_used));
        var slice = new Slice(_used, value.Length);
        _used += value.Length;
        return slice;
    }

    private ReadOnlySpan<byte> At(Slice slice) => _arena.AsSpan(slice.Offset, slice.Length);

    private readonly record struct Slice(int Offset, int Length);

    [System.Runtime.CompilerServices.InlineArray(SpanFields)]
    private struct SliceArray
    {
        private Slice _first;
    }

    private struct Record
    {
        public DateTime Time;
        public PostfixEventKind Kind;
        public DeliveryStatus Status;
        public NotificationKind Notification;
        public double Delay;
        public long Size;
        public int RecipientCount;
        public SliceArray Spans;
    }
}
