namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The head of a top list over whole days that are over (before today, UTC), kept from one request to the next: adding
/// up every (day, key) row of 90 days of recipients takes seconds, and those days rarely change once past. Each commit
/// names the days it wrote (<see cref="Written"/>); a list over a day written since it was made is made again.
/// Only the store that writes the workspace keeps one, so that no write goes unseen.
/// </summary>
internal sealed class SettledTopLists
{
    private const int MaxLists = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _dayWritten = [];
    private readonly Dictionary<string, SettledTopList> _lists = new(StringComparer.Ordinal);
    private long _version;
    private long _everythingWrittenAt;

    /// <summary>The number of the last write seen; read it before the snapshot a list is made from.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>A commit wrote daily rows of these days (UTC day starts, in ticks).</summary>
    public void Written(IEnumerable<long> days)
    {
        lock (_lock)
        {
            _version++;
            foreach (var day in days)
            {
                _dayWritten[day] = _version;
            }
        }
    }

    /// <summary>Rows of any day may have changed (retention deleted old ones).</summary>
    public void WrittenEverywhere()
    {
        lock (_lock)
        {
            _version++;
            _everythingWrittenAt = _version;
            _lists.Clear();
        }
    }

    /// <summary>The list kept for this query (which names its days), unless a day of it was written since it was made.</summary>
    public SettledTopList? Find(string query, long daysFrom, long daysTo)
    {
        lock (_lock)
        {
            if (!_lists.TryGetValue(query, out var list))
            {
                return null;
            }

            if (list.Version < _everythingWrittenAt || _dayWritten.Any(d => d.Key >= daysFrom && d.Key < daysTo && d.Value > list.Version))
            {
                _lists.Remove(query);
                return null;
            }

            list.LastUsed = _version;
            return list;
        }
    }

    public void Keep(string query, SettledTopList list)
    {
        lock (_lock)
        {
            if (_lists.Count >= MaxLists && !_lists.ContainsKey(query))
            {
                _lists.Remove(_lists.MinBy(l => l.Value.LastUsed).Key);
            }

            list.LastUsed = _version;
            _lists[query] = list;
        }
    }
}

/// <summary>
/// The first keys of a top list over whole past days, by count, and the count no key left out exceeds
/// (<see cref="Bound"/>: the next key's, or 0 when none was left out).
/// </summary>
/// <param name="Version">The <see cref="SettledTopLists.Version"/> read before it was made.</param>
internal sealed record SettledTopList(long DaysFrom, long DaysTo, long Version, IReadOnlyDictionary<string, long> Head, long Bound)
{
    public long LastUsed { get; set; }

    /// <summary>What whole totals were added up by (<see cref="SettledTotals"/>); null for the head of a list of keys.</summary>
    public object? Grouping { get; init; }
}
