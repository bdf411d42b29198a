namespace Postmeter.Server.Tests.Cli;

internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seed42Log => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "realpostfix-seed42", "maillog"));

    public static string LongQueueIdLog => Path.Combine(Root, "tests", "fixtures", "realpostfix-longqid", "maillog");

    public static string LongQueueIdRfc3339Log => Path.Combine(Root, "tests", "fixtures", "realpostfix-longqid", "maillog.rfc3339");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Postmeter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Postmeter.slnx not found");
    }
}
