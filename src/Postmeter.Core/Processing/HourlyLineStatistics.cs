using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>
/// Line counts per UTC hour, so a store can answer "what was read between two times". A line without a readable
/// time counts in the hour of the line before it.
/// </summary>
public sealed class HourlyLineStatistics : ILineCounter
{
    private Dictionary<DateTime, LineStatistics> _hours = [];
    private DateTime _lastHour = DateTime.MinValue;
    private LineStatistics? _last;

    public IReadOnlyDictionary<DateTime, LineStatistics> Hours => _hours;

    public static DateTime HourOf(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    public void Count(scoped in Envelope envelope, scoped in PostfixEvent e) => HourFor(envelope.Time).Count(envelope, e);

    public void CountMalformed() => (_last ?? HourFor(_lastHour == DateTime.MinValue ? DateTime.UnixEpoch : _lastHour)).CountMalformed();

    /// <summary>The counts since the last call, leaving this empty.</summary>
    public IReadOnlyDictionary<DateTime, LineStatistics> TakeCounts()
    {
        var taken = _hours;
        _hours = [];
        _last = null;
        return taken;
    }

    /// <summary>All hours folded into one.</summary>
    public LineStatistics Total()
    {
        var total = new LineStatistics();
        foreach (var hour in _hours.Values)
        {
            total.Add(hour);
        }

        return total;
    }

    private LineStatistics HourFor(DateTime time)
    {
        var hour = HourOf(time);
        if (_last is not null && hour == _lastHour)
        {
            return _last;
        }

        if (!_hours.TryGetValue(hour, out var counts))
        {
            counts = new LineStatistics();
            _hours[hour] = counts;
        }

        _lastHour = hour;
        _last = counts;
        return counts;
    }
}
