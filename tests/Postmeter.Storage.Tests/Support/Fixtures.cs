namespace Postmeter.Storage.Tests.Support;

/// <summary>The real Postfix logs the tests read in place: the committed fixtures and the shared ones beside the checkout.</summary>
public static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Filter => Path.Combine(Root, "tests", "fixtures", "realpostfix-filter", "maillog");

    public static string LongQid => Path.Combine(Root, "tests", "fixtures", "realpostfix-longqid", "maillog");

    public static string Seed11 => Path.Combine(Root, "tests", "fixtures", "realpostfix-seed11", "maillog");

    public static string Seed42 => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "realpostfix-seed42", "maillog"));

    /// <summary>Lightmeter's sample logs (AGPL, read in place, never copied), by file name.</summary>
    public static IEnumerable<string> LightmeterSamples =>
        Directory.EnumerateFiles(Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "lightmeter", "individual_files"))).Order(StringComparer.Ordinal);

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Postmeter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Postmeter.slnx not found above " + AppContext.BaseDirectory);
    }
}
