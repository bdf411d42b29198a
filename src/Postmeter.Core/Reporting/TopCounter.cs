namespace Postmeter.Core.Reporting;

/// <summary>
/// Counts keys in bounded memory: exact while there are at most <c>2 × capacity</c> distinct keys; beyond that the
/// least frequent half is dropped whenever the table fills, so frequent keys survive and memory stays flat
/// (counts of keys that were dropped and came back are then underestimated by at most <see cref="ErrorBound"/>).
/// </summary>
public sealed class TopCounter(int capacity = 10_000)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.OrdinalIgnoreCase);

    public long Total { get; private set; }

    /// <summary>Distinct keys counted (a lower bound once <see cref="Approximate"/>).</summary>
    public int Distinct => _counts.Count;

    /// <summary>Whether keys were dropped, i.e. the counts are estimates.</summary>
    public bool Approximate => ErrorBound > 0;

    /// <summary>The largest count ever dropped.</summary>
    public long ErrorBound { get; private set; }

    public void Add(string key, long n = 1)
    {
        Total += n;
        _counts[key] = _counts.GetValueOrDefault(key) + n;
        if (_counts.Count >= 2 * capacity)
        {
            Prune();
        }
    }

    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        [.. _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Take(n)];

    private void Prune()
    {
        var dropped = _counts.OrderByDescending(kv => kv.Value).Skip(capacity).ToList();
        foreach (var (key, count) in dropped)
        {
            _counts.Remove(key);
            ErrorBound = Math.Max(ErrorBound, count);
        }
    }
}
