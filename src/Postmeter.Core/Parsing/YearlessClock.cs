namespace Postmeter.Core.Parsing;

/// <summary>
/// Turns year-less local syslog stamps into UTC instants. The first line's year comes from the configured starting
/// year, or else from a reference time (the file's modification time, or now for streams): a line that would lie
/// more than a day after the reference belongs to the year before. Afterwards a jump back of more than half a year
/// (December to January) starts the next year; smaller jumps back (interleaved writers, the DST fall-back hour) do not.
/// </summary>
public sealed class YearlessClock
{
    private const int HalfYearInDays = 183;
    private const int MaxYear = 9998;

    private readonly TimeZoneInfo _zone;
    private readonly int? _startingYear;
    private readonly DateTime _referenceLocal;
    private readonly bool _zoneIsUtc;

    private int _year;
    private int _lastDayKey = -1;

    private long _cachedLocalHour = long.MinValue;
    private long _cachedOffsetTicks;
    private int _cachedDateKey = -1;
    private long _cachedDateTicks;

    /// <param name="zone">The zone the log's wall-clock times are in.</param>
    /// <param name="startingYear">The year of the first line, when the user knows it.</param>
    /// <param name="referenceUtc">A time at or shortly after the first lines were written (file mtime, or now).</param>
    public YearlessClock(TimeZoneInfo zone, int? startingYear, DateTime referenceUtc)
    {
        _zone = zone;
        _zoneIsUtc = zone.Id == TimeZoneInfo.Utc.Id || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime);
        _startingYear = startingYear;
        _referenceLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(referenceUtc, DateTimeKind.Utc), zone);
    }

    /// <summary>The year currently assumed for new lines (0 before the first line).</summary>
    public int Year => _year;

    /// <summary>What the clock has inferred so far, to be saved with a source's position and restored on resume.</summary>
    public ClockState State
    {
        get => new(_year, _lastDayKey);
        set
        {
            _year = value.Year;
            _lastDayKey = value.LastDayKey;
        }
    }

    public DateTime ToUtc(int month, int day, int secondOfDay, long fractionTicks)
    {
        var dayKey = (month * 31) + day;
        var year = YearFor(month, day, dayKey, secondOfDay);
        if (day > DateTime.DaysInMonth(year, month))
        {
            // 29 Feb in a year that has none: keep the line, a day late, rather than drop it.
            day = DateTime.DaysInMonth(year, month);
        }

        var dateKey = (year * 512) + (month * 32) + day;
        if (dateKey != _cachedDateKey)
        {
            _cachedDateKey = dateKey;
            _cachedDateTicks = new DateTime(year, month, day).Ticks;
        }

        var localTicks = _cachedDateTicks + (secondOfDay * TimeSpan.TicksPerSecond) + fractionTicks;
        return new DateTime(localTicks - OffsetAt(localTicks), DateTimeKind.Utc);
    }

    private int YearFor(int month, int day, int dayKey, int secondOfDay)
    {
        if (_lastDayKey < 0)
        {
            _year = Math.Clamp(_startingYear ?? InitialYear(month, day, secondOfDay), 2, MaxYear);
            _lastDayKey = dayKey;
            return _year;
        }

        var delta = dayKey - _lastDayKey;
        if (delta < -HalfYearInDays)
        {
            _year = Math.Min(_year + 1, MaxYear);
            _lastDayKey = dayKey;
            return _year;
        }

        if (delta > HalfYearInDays && month == 12 && _lastDayKey <= (1 * 31) + 31)
        {
            // A December straggler written just after January began belongs to the old year.
            return _year - 1;
        }

        if (delta > 0)
        {
            _lastDayKey = dayKey;
        }

        return _year;
    }

    private int InitialYear(int month, int day, int secondOfDay)
    {
        var year = _referenceLocal.Year;
        var candidateDays = (month * 31) + day + (secondOfDay / 86400.0);
        var referenceDays = (_referenceLocal.Month * 31) + _referenceLocal.Day + (_referenceLocal.TimeOfDay.TotalSeconds / 86400.0);
        return candidateDays > referenceDays + 1 ? year - 1 : year;
    }

    private long OffsetAt(long localTicks)
    {
        if (_zoneIsUtc)
        {
            return 0;
        }

        var hour = localTicks / TimeSpan.TicksPerHour;
        if (hour != _cachedLocalHour)
        {
            _cachedLocalHour = hour;
            _cachedOffsetTicks = _zone.GetUtcOffset(new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Unspecified)).Ticks;
        }

        return _cachedOffsetTicks;
    }
}
