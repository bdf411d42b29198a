using Postmeter.Core.Tests.Support;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>Paths of the real logs the tracking tests read in place.</summary>
public static class RealLogs
{
    public static string Seed42 => RepoPaths.SharedFixture("realpostfix-seed42", "maillog");

    public static string LongQid => RepoPaths.Fixture("realpostfix-longqid", "maillog");

    /// <summary>One of Lightmeter's sample logs (AGPL, read in place, never copied).</summary>
    public static string Lightmeter(string name) => RepoPaths.SharedFixture("lightmeter", "individual_files", name);

    /// <summary>The lines of <paramref name="path"/> that mention any of <paramref name="queueIds"/>, in file order.</summary>
    public static List<string> LinesAbout(string path, params string[] queueIds) =>
        File.ReadLines(path).Where(l => queueIds.Any(q => l.Contains(q, StringComparison.Ordinal))).ToList();
}
