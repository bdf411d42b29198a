namespace Postmeter.Server.Tests.Cli;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("report")]
    [InlineData("messages")]
    public void Missing_file_is_a_clear_error_with_exit_code_2(string command)
    {
        var result = CliRunner.Run([command, "/nonexistent/mail.log"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/mail.log", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_log_format_names_the_accepted_ones()
    {
        var result = CliRunner.Run(["report", "--log-format", "syslog-ng", FixturePaths.Seed42]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("syslog-ng", result.Error, StringComparison.Ordinal);
        Assert.Contains("rfc3339", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timezone", "Mars/Olympus", "time zone")]
    [InlineData("--log-starting-year", "twenty", "year")]
    [InlineData("--format", "xml", "text or json")]
    [InlineData("--top", "0", "1 to 10000")]
    public void Bad_flag_values_are_rejected_with_what_was_expected(string flag, string value, string expected)
    {
        var result = CliRunner.Run(["report", flag, value, FixturePaths.Seed42]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_is_exit_code_2()
    {
        var result = CliRunner.Run(["frobnicate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Error);
    }

    [Fact]
    public void Binary_junk_on_standard_input_is_counted_not_fatal()
    {
        var junk = new byte[200_000];
        new Random(7).NextBytes(junk);

        var result = CliRunner.Run(["report", "--format", "json"], junk);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"malformed\"", result.Output, StringComparison.Ordinal);
    }
}
