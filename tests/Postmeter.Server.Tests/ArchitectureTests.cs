using System.Reflection;

namespace Postmeter.Server.Tests;

/// <summary>
/// The arrows between the projects (docs/architecture.md): Core depends on none of ours, the Storage contracts on
/// Core only, the SQLite store on the contracts, Ingest on Core and the contracts (never on a database), Insights on Core and the contracts,
/// the Server on all. Read from the compiled assemblies' references, so an arrow the design
/// forbids fails here the moment it is used, not at review.
/// </summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[]> Allowed() => new()
    {
        { "Postmeter.Core", [] },
        { "Postmeter.Storage", ["Postmeter.Core"] },
        { "Postmeter.Storage.Sqlite", ["Postmeter.Core", "Postmeter.Storage"] },
        { "Postmeter.Ingest", ["Postmeter.Core", "Postmeter.Storage"] },
        { "Postmeter.Insights", ["Postmeter.Core", "Postmeter.Storage"] },
        { "postmeter", ["Postmeter.Core", "Postmeter.Ingest", "Postmeter.Insights", "Postmeter.Storage", "Postmeter.Storage.Sqlite"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Each_project_references_only_the_projects_the_design_allows(string assembly, string[] allowed)
    {
        var ours = References(Assembly.Load(assembly)).Where(IsOurs).Order(StringComparer.Ordinal).ToList();

        Assert.All(ours, reference => Assert.Contains(reference, allowed));
    }

    [Fact]
    public void The_check_sees_the_references_that_exist()
    {
        // Guards the test above against passing because it read nothing: the server does use all five.
        var ours = References(Assembly.Load("postmeter")).Where(IsOurs).Order(StringComparer.Ordinal);

        Assert.Equal(["Postmeter.Core", "Postmeter.Ingest", "Postmeter.Insights", "Postmeter.Storage", "Postmeter.Storage.Sqlite"], ours);
    }

    [Fact]
    public void The_shipped_program_carries_no_test_hook()
    {
        string[] shipped = ["Postmeter.Core", "Postmeter.Storage", "Postmeter.Storage.Sqlite", "Postmeter.Ingest", "postmeter"];

        var hooks = shipped.SelectMany(name => Assembly.Load(name).GetTypes())
            .Where(type => type.Name.Contains("Test", StringComparison.Ordinal) || type.Name.Contains("Kill", StringComparison.Ordinal))
            .Select(type => type.FullName);

        Assert.Empty(hooks);
    }

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(reference => reference.Name ?? string.Empty);

    private static bool IsOurs(string name) => name.StartsWith("Postmeter.", StringComparison.Ordinal) || name == "postmeter";
}
