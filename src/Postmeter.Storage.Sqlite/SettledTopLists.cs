namespace Postmeter.Storage.Sqlite;

/// <summary>
/// The head of a top list over whole days that are over (before today, UTC), kept from one request to the next: adding
/// up every (day, key) row of 90 days of recipients takes seconds, and those days rarely change once past. Each commit
/// names the days it wrote (<see cref="Written"/>); a list over a day written since it was made is made again.
/// Only the store that writes the workspace keeps one, so that no write goes unseen.
/// </summary>
internal sealed class SettledTopLists
{
    /// <summary>Lists kept at most (the least recently used goes first): the dashboard's usual ones, warmed, fit.</summary>
    private const int MaxLists = 256;

    /// <summary>Past days of a range a kept list may leave out, to be added up per request instead.</summary>
    private const long MaxDaysLeftOut = 3;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _dayWritten = [];
    private readonly Dictionary<string, List<SettledTopList>> _lists = new(StringComparer.Ordinal);
    private readonly List<(long Before, long Version)> _deletions = [];
    private long _version;
    private long _uses;

    /// <summary>How many lists were made (for tests: a request served from a kept one makes none).</summary>
    internal int Made { get; private set; }

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

    /// <summary>
    /// Rows of days before <paramref name="day"/> (a UTC day start, in ticks) may have gone: retention deleted what
    /// ended before its cutoff. Lists over later days stay good: the dashboard's usual ones are not made again each
    /// time retention runs.
    /// </summary>
    public void DeletedBefore(long day)
    {
        lock (_lock)
        {
            _version++;
            var oldest = _lists.Values.SelectMany(l => l).Select(l => l.Version).DefaultIfEmpty(_version).Min();
            _deletions.RemoveAll(d => d.Version <= oldest);
            _deletions.Add((day, _version));
        }
    }

    /// <summary>
    /// The longest list kept for this query (its dimension, directions and statuses) over days within
    /// [<paramref name="daysFrom"/>, <paramref name="daysTo"/>) that leaves out at most a few of them, unless a day of
    /// it was written since it was made. The days it leaves out are the caller's to add up.
    /// </summary>
    /// <param name="version">The <see cref="Version"/> the caller read before its snapshot: a list made from a later
    /// one may hold rows the caller counts as in flight, so it is not used.</param>
    public SettledTopList? Find(string query, long daysFrom, long daysTo, long version)
    {
        lock (_lock)
        {
            if (!_lists.TryGetValue(query, out var kept))
            {
                return null;
            }

            kept.RemoveAll(Stale);
            var best = kept
                .Where(l => l.Version <= version && l.DaysFrom >= daysFrom && l.DaysTo <= daysTo && (daysTo - daysFrom) - (l.DaysTo - l.DaysFrom) <= MaxDaysLeftOut * TimeSpan.TicksPerDay)
                .MaxBy(l => l.DaysTo - l.DaysFrom);
            if (best is not null)
            {
                best.LastUsed = ++_uses;
            }

            return best;
        }
    }

    public void Keep(string query, SettledTopList list)
    {
        lock (_lock)
        {
            if (!_lists.TryGetValue(query, out var kept))
            {
                _lists[query] = kept = [];
            }

            kept.RemoveAll(l => l.DaysFrom == list.DaysFrom && l.DaysTo == list.DaysTo);
            Made++;
            list.LastUsed = ++_uses;
            kept.Add(list);
            if (_lists.Values.Sum(l => l.Count) > MaxLists)
            {
                var (oldestQuery, oldest) = _lists.SelectMany(q => q.Value.Select(l => (q.Key, l))).MinBy(p => p.l.LastUsed);
                _lists[oldestQuery].Remove(oldest);
            }
        }
    }

    /// <summary>Made before a write to one of its days, or before retention deleted one of them.</summary>
    private bool Stale(SettledTopList list) =>
        _deletions.Any(d => list.DaysFrom < d.Before && d.Version > list.Version)
        || _dayWritten.Any(d => d.Key >= list.DaysFrom && d.Key < list.DaysTo && d.Value > list.Version);
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
