namespace Postmeter.Core.Tests.Tracking;

/// <summary>Picks lines out of the real logs the tracking tests read.</summary>
public static class RealLogs
{
    /// <summary>The lines of <paramref name="path"/> that mention any of <paramref name="queueIds"/>, in file order.</summary>
    public static List<string> LinesAbout(string path, params string[] queueIds) =>
        File.ReadLines(path).Where(l => queueIds.Any(q => l.Contains(q, StringComparison.Ordinal))).ToList();
}
