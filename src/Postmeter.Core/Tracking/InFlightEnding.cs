namespace Postmeter.Core.Tracking;

/// <summary>
/// Ends the messages of a saved state as <see cref="MessageTracker.Complete"/> ends them at the end of the input, for
/// a reader, without holding them all: a first pass over the saved messages (<see cref="Index"/>) keeps only their
/// links and the age of those in flight; <see cref="End"/> then loads one message and its hops at a time, in the
/// order the tracker would have emitted them, and lets them go once emitted.
/// </summary>
public sealed class InFlightEnding
{
    private readonly TrackerSnapshot _header;
    private readonly HashSet<long> _active;
    private readonly HashSet<long> _ids = [];
    private readonly Dictionary<long, long> _parents = [];
    private readonly List<long> _children = [];
    private readonly List<AgeKey> _ages = [];
    private readonly Dictionary<long, TrackerSnapshot.MessageState> _inHeader = [];
    private readonly SavedMessageReader _reader;

    /// <param name="header">The saved state; the messages it holds itself (a state saved whole) are indexed here.</param>
    /// <param name="keepRawLines">Whether the ended messages keep the log lines saved with them.</param>
    public InFlightEnding(TrackerSnapshot header, bool keepRawLines = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        _header = header;
        _reader = new SavedMessageReader(keepRawLines);
        _active = [.. header.Active];
        foreach (var message in header.Messages)
        {
            Index(message);
            _inHeader[message.Id] = message;
        }
    }

    /// <summary>Lines about unknown queues the saved tracker counted.</summary>
    public long OrphanLines => _header.OrphanLines;

    /// <summary>First pass: one saved message, in any order.</summary>
    /// <exception cref="InvalidDataException">The state holds a message with this id already.</exception>
    public void Index(TrackerSnapshot.MessageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!_ids.Add(state.Id))
        {
            throw new InvalidDataException($"the saved tracker state holds in-flight message {state.Id} twice");
        }

        if (state.Recipients is null || state.Recipients.Any(r => r is null || r.Attempts is null || r.Attempts.Contains(null!)))
        {
            throw new InvalidDataException($"the saved tracker state holds in-flight message {state.Id} without its recipients' attempts");
        }

        if (state.HopParent is { } parent)
        {
            _parents[state.Id] = parent;
        }

        _children.AddRange(state.HopChildren ?? []);
        if (_active.Contains(state.Id))
        {
            _ages.Add(new AgeKey(state.Id, state.FirstSeen, state.Host, state.Instance, state.QueueId));
        }
    }

    /// <summary>After the first pass: every message the state refers to is one it holds.</summary>
    /// <exception cref="InvalidDataException">A reference to a message that is not there.</exception>
    public void Check()
    {
        var references = _header.Active.Concat(_header.Recent).Concat(_header.Settling).Concat(_parents.Values).Concat(_children)
            .Concat(_header.Pending.Where(p => p.HopParent is not null).Select(p => p.HopParent!.Value));
        foreach (var id in references)
        {
            if (!_ids.Contains(id))
            {
                throw new InvalidDataException($"the saved tracker state refers to in-flight message {id}, which it does not hold");
            }
        }

        var children = new HashSet<long>();
        foreach (var child in _children)
        {
            if (!children.Add(child))
            {
                throw new InvalidDataException($"the saved tracker state names in-flight message {child} as a hop twice");
            }
        }

        foreach (var id in _parents.Keys)
        {
            var root = id;
            for (var steps = 0; _parents.TryGetValue(root, out var parent); steps++)
            {
                root = steps < _parents.Count ? parent : throw HopLoop(id);
            }
        }
    }

    /// <summary>Second pass: emits into <paramref name="sink"/> what the tracker would emit at the end of its input.</summary>
    /// <param name="load">The saved message with that id (read again from where the first pass read it).</param>
    /// <param name="sink">Where the ended messages go.</param>
    /// <exception cref="InvalidDataException">A message is not there any more.</exception>
    public void End(Func<long, TrackerSnapshot.MessageState?> load, ITrackingSink sink)
    {
        ArgumentNullException.ThrowIfNull(load);
        _ages.Sort();
        var tracker = new MessageTracker(sink);
        var ended = new HashSet<long>();
        foreach (var id in _header.Settling.Concat(_ages.Select(a => a.Id)))
        {
            var root = id;
            for (var steps = 0; _parents.TryGetValue(root, out var parent); steps++)
            {
                root = steps < _parents.Count ? parent : throw HopLoop(id);
            }

            if (ended.Add(root))
            {
                tracker.EmitEnded(Tree(root, parent: null, load, []));
            }
        }
    }

    /// <summary>A message and its hops as the tracker held them, those in flight ended as <see cref="MessageTracker.Complete"/> ends them.</summary>
    private TrackedMessage Tree(long id, TrackedMessage? parent, Func<long, TrackerSnapshot.MessageState?> load, HashSet<long> inTree)
    {
        if (!inTree.Add(id))
        {
            throw HopLoop(id);
        }

        var state = (_inHeader.TryGetValue(id, out var held) ? held : load(id))
            ?? throw new InvalidDataException($"the saved tracker state refers to in-flight message {id}, which it does not hold");
        var message = _reader.Read(state);
        message.HopParent = parent;
        if (_active.Contains(id))
        {
            message.Completion = Completion.StillQueued;
            message.CompletedAt = _header.Now;
        }

        message.HopChildren = state.HopChildren?.ConvertAll(child => Tree(child, message, load, inTree));
        return message;
    }

    private static InvalidDataException HopLoop(long id) =>
        new($"the saved tracker state links in-flight message {id} to itself through its hops");

    /// <summary>The order <see cref="MessageTracker.Complete"/> ends messages in flight.</summary>
    private readonly record struct AgeKey(long Id, DateTime FirstSeen, string Host, string Instance, string QueueId) : IComparable<AgeKey>
    {
        public int CompareTo(AgeKey other)
        {
            var order = FirstSeen.CompareTo(other.FirstSeen);
            order = order != 0 ? order : string.CompareOrdinal(Host, other.Host);
            order = order != 0 ? order : string.CompareOrdinal(Instance, other.Instance);
            return order != 0 ? order : string.CompareOrdinal(QueueId, other.QueueId);
        }
    }
}
