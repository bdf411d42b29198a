using Postmeter.Server.Settings;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Settings;

/// <summary>
/// The one table of settings: its help lists every flag and variable, and a Lightmeter user's environment works
/// unchanged (<c>LIGHTMETER_*</c>), with <c>POSTMETER_*</c> before it and the command line before both.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Rows() => [.. SettingsTable.All.Select(row => row.Name)];

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_help_shows_every_row_with_its_environment_variables_and_default(string name)
    {
        var row = SettingsTable.All.Single(r => r.Name == name);

        var help = CliRunner.Run(["--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(help.Output.Split('\n'), line => row.Flags.Any(flag => line.TrimStart().StartsWith(flag, StringComparison.Ordinal)));
        Assert.All(row.Environment, variable => Assert.Contains(variable, help.Output, StringComparison.Ordinal));
        Assert.All(row.Flags, flag => Assert.Contains(flag, help.Output, StringComparison.Ordinal));
        if (row.Default is { } value)
        {
            Assert.Contains($"Default: {value}.", help.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_readme_names_every_row_with_its_environment_variables(string name)
    {
        var row = SettingsTable.All.Single(r => r.Name == name);
        var readme = File.ReadAllText(Path.Combine(FixturePaths.Root, "README.md"));

        Assert.Contains(row.Flags, flag => readme.Contains($"`{flag}", StringComparison.Ordinal));
        Assert.All(row.Environment, variable => Assert.Contains(variable, readme, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_spelling_of_a_flag_is_accepted(string name)
    {
        var row = SettingsTable.All.Single(r => r.Name == name);

        foreach (var flag in row.Flags)
        {
            // An unknown flag is a parse error that sends the user to --help; a known one goes on to the run's own
            // checks (here: a value that is not a directory, a level, an address…), which name the flag instead.
            var workspaceRow = row == SettingsTable.Workspace;
            string[] value = row.Shape == SettingShape.Switch ? [] : [workspaceRow ? _temp.Path("ws") : "x"];
            string[] workspace = workspaceRow ? [] : ["-workspace", _temp.Path("ws")];
            var run = CliRunner.Run([.. workspace, flag, .. value]);
            Assert.DoesNotContain("Try 'postmeter --help'", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_flag_is_a_parse_error_that_points_to_the_help()
    {
        var run = CliRunner.Run(["-workspace", _temp.Path("ws"), "--watch-directory", "x"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Try 'postmeter --help'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_are_spelled_consistently()
    {
        var flags = SettingsTable.All.SelectMany(row => row.Flags).ToList();
        var variables = SettingsTable.All.SelectMany(row => row.Environment).ToList();

        Assert.Equal(flags.Count, flags.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(variables.Count, variables.Distinct(StringComparer.Ordinal).Count());
        Assert.All(SettingsTable.All, row =>
        {
            Assert.StartsWith("--", row.Flags[0], StringComparison.Ordinal);
            Assert.StartsWith("POSTMETER_", row.Environment[0], StringComparison.Ordinal);
            Assert.All(row.Environment.Skip(1), v => Assert.StartsWith("LIGHTMETER_", v, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void A_lightmeter_environment_alone_imports_into_its_workspace()
    {
        var workspace = _temp.Path("ws");

        var run = CliRunner.Run([], environment: new Dictionary<string, string>
        {
            ["LIGHTMETER_WORKSPACE"] = workspace,
            ["LIGHTMETER_WATCH_DIR"] = Logs(),
            ["LIGHTMETER_IMPORTONLY"] = "true",
            ["LIGHTMETER_LOGS_STARTING_YEAR"] = "2026",
            ["POSTMETER_TIMEZONE"] = "UTC",
        });

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"into workspace {workspace}", run.Error, StringComparison.Ordinal);
        var byFlags = _temp.Path("flags");
        Assert.Equal(0, CliRunner.Run(["-workspace", byFlags, "-watch_dir", Logs(), "-importonly", "--log-starting-year", "2026", "--timezone", "UTC"]).ExitCode);
        Assert.Equal(CliRunner.Run(["messages", "--workspace", byFlags]).Output, CliRunner.Run(["messages", "--workspace", workspace]).Output);
        Assert.Equal(304, CliRunner.Run(["messages", "--workspace", workspace]).Lines.Length);
    }

    [Fact]
    public void Postmeter_variables_win_over_lightmeter_ones_and_flags_over_both()
    {
        var environment = new Dictionary<string, string>
        {
            ["POSTMETER_WORKSPACE"] = _temp.Path("postmeter"),
            ["LIGHTMETER_WORKSPACE"] = _temp.Path("lightmeter"),
            ["LIGHTMETER_WATCH_DIR"] = Logs(),
            ["LIGHTMETER_IMPORTONLY"] = "true",
            ["LIGHTMETER_LOG_LEVEL"] = "WARN",
        };

        var fromVariables = CliRunner.Run([], environment: environment);
        var fromFlag = CliRunner.Run(["-workspace", _temp.Path("flag"), "-log_level", "INFO"], environment: environment);

        Assert.Equal(0, fromVariables.ExitCode);
        Assert.True(Directory.Exists(_temp.Path("postmeter")));
        Assert.False(Directory.Exists(_temp.Path("lightmeter")));
        Assert.DoesNotContain(" INFO ", fromVariables.Error, StringComparison.Ordinal);
        Assert.Equal(0, fromFlag.ExitCode);
        Assert.True(Directory.Exists(_temp.Path("flag")));
        Assert.Contains(" INFO ", fromFlag.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_variable_that_is_not_a_boolean_names_the_variable_that_held_it()
    {
        var run = CliRunner.Run(["-workspace", _temp.Path("ws")], environment: new Dictionary<string, string> { ["LIGHTMETER_STDIN"] = "maybe" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stdin: LIGHTMETER_STDIN='maybe' is not a boolean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_reading_variables_reach_report()
    {
        var withVariables = CliRunner.Run(["report", "--format", "json", FixturePaths.Seed42], environment: new Dictionary<string, string>
        {
            ["LIGHTMETER_LOGS_STARTING_YEAR"] = "2020",
            ["POSTMETER_TIMEZONE"] = "UTC",
        });
        var withFlags = CliRunner.Run(["report", "--format", "json", "--log-starting-year", "2020", "--timezone", "UTC", FixturePaths.Seed42]);

        Assert.Equal(0, withVariables.ExitCode);
        Assert.Contains("\"from\": \"2020-", withVariables.Output, StringComparison.Ordinal);
        Assert.Equal(withFlags.Output, withVariables.Output);
    }

    private string Logs()
    {
        var logs = _temp.Directory("logs");
        File.Copy(FixturePaths.Seed42, Path.Combine(logs, "maillog"), overwrite: true);
        return logs;
    }
}
