namespace Postmeter.Storage.Tests.Support;

/// <summary>The real Postfix logs the storage tests replay, from <c>tests/fixtures/</c>.</summary>
public static class Fixtures
{
    public static string Filter => FixturePaths.Filter;

    public static string LongQid => FixturePaths.LongQueueIds;

    public static string Seed11 => FixturePaths.Seed11;

    public static string Seed42 => FixturePaths.Seed42;

    /// <summary>Lightmeter's sample logs (AGPL-3.0 test data), by file name.</summary>
    public static IEnumerable<string> LightmeterSamples => FixturePaths.LightmeterSamples;

    /// <summary>All four real logs in time order: they span two hours of two days.</summary>
    public static IReadOnlyList<string> AllInTimeOrder => [Seed42, LongQid, Seed11, Filter];

    /// <summary>By name, for theories: filter, longqid, seed11, seed42.</summary>
    public static string Named(string name) => name switch
    {
        "filter" => Filter,
        "longqid" => LongQid,
        "seed11" => Seed11,
        "seed42" => Seed42,
        _ => throw new ArgumentException($"No fixture named {name}.", nameof(name)),
    };
}
