namespace Postmeter.LiveLatency;

/// <summary>Percentiles of a set of latencies (nearest rank).</summary>
internal sealed class Distribution(IEnumerable<TimeSpan> samples)
{
    private readonly TimeSpan[] _sorted = [.. samples.Order()];

    public int Count => _sorted.Length;

    public TimeSpan Percentile(double p) =>
        _sorted.Length == 0 ? TimeSpan.Zero : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public TimeSpan Max => _sorted.Length == 0 ? TimeSpan.Zero : _sorted[^1];
}
