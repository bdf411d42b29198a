namespace Postmeter.Core.Tests.Support;

/// <summary>Finds the repository (the folder holding Postmeter.slnx) and the shared fixtures beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>../shared next to the checkout: realpostfix runs and Lightmeter's sample logs (read in place, never copied).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    public static string SharedFixture(params string[] parts) => Path.Combine([Shared, "fixtures", .. parts]);

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
