namespace Postmeter.Insights.Tests;

/// <summary>The insights project's arrows (docs/architecture.md): the store's contracts and Core, never a database or ingestion.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Insights_reference_only_core_and_the_storage_contracts()
    {
        var ours = typeof(Insights.Dnsbl.DnsblChecker).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => name.StartsWith("Postmeter.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        // It fails the moment the project uses a database, ingestion or the server.
        Assert.All(ours, name => Assert.Contains(name, new[] { "Postmeter.Core", "Postmeter.Storage" }));
        Assert.DoesNotContain(typeof(Insights.Dnsbl.DnsblChecker).Assembly.GetTypes(), type => type.Name.Contains("Test", StringComparison.Ordinal));
    }
}
