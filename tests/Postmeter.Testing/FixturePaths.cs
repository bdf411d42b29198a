namespace Postmeter.Testing;

/// <summary>
/// The real Postfix logs committed under <c>tests/fixtures/</c> (how each was made: <c>tests/fixtures/README.md</c>),
/// found from the repository root, the folder holding <c>Postmeter.slnx</c> above the running assembly.
/// </summary>
public static class FixturePaths
{
    public static string Root { get; } = FindRoot();

    public static string Folder => Path.Combine(Root, "tests", "fixtures");

    /// <summary>A path inside <c>tests/fixtures/</c>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>realpostfix seed 42: 200 messages, 2 369 lines, with an RFC 3339 copy.</summary>
    public static string Seed42 => Fixture("realpostfix-seed42", "maillog");

    public static string Seed42Rfc3339 => Fixture("realpostfix-seed42", "maillog.rfc3339");

    public static string Seed11 => Fixture("realpostfix-seed11", "maillog");

    public static string LongQueueIds => Fixture("realpostfix-longqid", "maillog");

    public static string LongQueueIdsRfc3339 => Fixture("realpostfix-longqid", "maillog.rfc3339");

    /// <summary>A run stopped with mail still deferred in the queue (<c>--no-wait-expiry</c>).</summary>
    public static string NoWait => Fixture("realpostfix-nowait", "maillog");

    /// <summary>Bounce-heavy: 120 messages, most with a recipient that bounces (Outlook, Yahoo and others refusing).</summary>
    public static string BounceHeavy => Fixture("realpostfix-bounce", "maillog");

    /// <summary>SMTP AUTH brute force: 100 messages, 60 % of them failed logins from a few clients.</summary>
    public static string AuthFailHeavy => Fixture("realpostfix-authfail", "maillog");

    /// <summary>A quiet server: 80 messages sent and received, nearly all delivered.</summary>
    public static string Quiet => Fixture("realpostfix-quiet", "maillog");

    /// <summary>A content-filter hop and alias forwards.</summary>
    public static string Filter => Fixture("realpostfix-filter", "maillog");

    /// <summary>Lightmeter's sample logs (AGPL-3.0 test data, see <c>tests/fixtures/lightmeter/README.md</c>).</summary>
    public static string LightmeterSamplesFolder => Fixture("lightmeter", "individual_files");

    public static string LightmeterSample(string name) => Path.Combine(LightmeterSamplesFolder, name);

    /// <summary>Every sample log, in ordinal name order.</summary>
    public static IEnumerable<string> LightmeterSamples =>
        Directory.EnumerateFiles(LightmeterSamplesFolder).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Postmeter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No Postmeter.slnx above {AppContext.BaseDirectory}: run the tests and benchmarks from inside the repository.");
    }
}
