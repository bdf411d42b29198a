namespace Postmeter.Core.Tracking;

/// <summary>
/// Puts a saved state back into a <see cref="MessageTracker"/> a message at a time (<see cref="MessageTracker.BeginRestore"/>),
/// so that a restore holds the messages it rebuilt and one saved row, never every row beside them. Links between
/// messages are resolved at <see cref="Finish"/>, when every message is there.
/// </summary>
public sealed class TrackerRestore
{
    private readonly MessageTracker _tracker;
    private readonly TrackerSnapshot _header;
    private readonly Dictionary<long, TrackedMessage> _messages = [];
    private readonly List<(TrackedMessage Message, long? Parent, List<long>? Children)> _links = [];
    private readonly SavedMessageReader _reader;
    private bool _finished;

    internal TrackerRestore(MessageTracker tracker, TrackerSnapshot header, bool keepRawLines)
    {
        _tracker = tracker;
        _header = header;
        _reader = new SavedMessageReader(keepRawLines);
        foreach (var message in header.Messages)
        {
            Add(message);
        }
    }

    /// <exception cref="InvalidDataException">The state holds a message with this id already.</exception>
    public void Add(TrackerSnapshot.MessageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ObjectDisposedException.ThrowIf(_finished, this);
        var message = _reader.Read(state);
        if (!_messages.TryAdd(state.Id, message))
        {
            throw new InvalidDataException($"the saved tracker state holds in-flight message {state.Id} twice");
        }

        if (state.HopParent is not null || state.HopChildren is not null)
        {
            _links.Add((message, state.HopParent, state.HopChildren));
        }
    }

    /// <summary>Links the messages and hands them to the tracker, which continues from the saved state.</summary>
    /// <exception cref="InvalidDataException">The state refers to a message it does not hold.</exception>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        foreach (var (message, parent, children) in _links)
        {
            message.HopParent = parent is { } id ? Find(id) : null;
            message.HopChildren = children?.ConvertAll(Find);
        }

        _tracker.Install(_header, Find, _messages.Count == 0 ? -1 : _messages.Keys.Max());
    }

    private TrackedMessage Find(long id) => _messages.TryGetValue(id, out var message)
        ? message
        : throw new InvalidDataException($"the saved tracker state refers to in-flight message {id}, which it does not hold");
}
