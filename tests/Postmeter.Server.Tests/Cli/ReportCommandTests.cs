using System.Text.Json;

namespace Postmeter.Server.Tests.Cli;

public sealed class ReportCommandTests
{
    [Fact]
    public void Json_report_totals_match_the_real_postfix_run()
    {
        var result = CliRunner.Run(["report", "--format", "json", "--timezone", "UTC", FixturePaths.Seed42]);

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal(33, totals.GetProperty("rejected").GetInt64());
        Assert.Equal(23, totals.GetProperty("sasl_failures").GetInt64());
        Assert.Equal(27, totals.GetProperty("sasl_logins").GetInt64());
        Assert.True(totals.GetProperty("delivered").GetInt64() > 200);
        Assert.True(totals.GetProperty("bounced").GetInt64() > 20);
        Assert.True(totals.GetProperty("expired").GetInt64() > 10);
        Assert.True(totals.GetProperty("deferral_attempts").GetInt64() >= 200);
        Assert.Equal(0, totals.GetProperty("incomplete").GetInt64());
        Assert.Equal("3.7.11", doc.RootElement.GetProperty("postfix_version").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("lines").GetProperty("malformed").GetInt64());
    }

    [Fact]
    public void Text_report_names_each_section()
    {
        var result = CliRunner.Run(["report", "--timezone", "UTC", FixturePaths.Seed42]);

        Assert.Equal(0, result.ExitCode);
        foreach (var section in new[] { "Grand totals", "Per-day traffic", "Recipient domains", "Bounce reasons", "Deferral reasons", "Reject reasons", "Log lines" })
        {
            Assert.Contains(section, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("gmail.com", result.Output, StringComparison.Ordinal);
    }
}
