namespace Postmeter.Storage;

/// <summary>[From, To) in UTC; null ends are open.</summary>
public readonly record struct TimeRange(DateTime? From, DateTime? To)
{
    public static TimeRange All => default;

    public bool Contains(DateTime time) => (From is null || time >= From) && (To is null || time < To);
}
