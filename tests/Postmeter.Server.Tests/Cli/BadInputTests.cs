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

    [Theory]
    [InlineData("report", 20_000)]
    [InlineData("messages", 20_000)]
    [InlineData("import", 20_000)]
    [InlineData("report", -8)]
    [InlineData("import", -8)]
    public void A_truncated_gzip_on_standard_input_is_refused_as_the_same_file_is(string command, int keep)
    {
        var gzip = Gzip(File.ReadAllBytes(FixturePaths.Seed42));
        var cut = gzip[..(keep > 0 ? keep : gzip.Length + keep)];
        string[] args = command == "import" ? ["-workspace", Path.Combine(Path.GetTempPath(), "postmeter-test-" + Guid.NewGuid().ToString("N")), "-stdin", "-importonly"] : [command, "-"];

        var result = CliRunner.Run(args, cut);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Damaged gzip archive: standard input (", result.Error, StringComparison.Ordinal);
        if (command == "import")
        {
            Directory.Delete(args[1], recursive: true);
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
