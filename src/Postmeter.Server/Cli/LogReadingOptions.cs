using System.CommandLine;
using System.Globalization;
using Postmeter.Core.Parsing;
using Postmeter.Server.Settings;

namespace Postmeter.Server.Cli;

/// <summary>The flags that say how to read log lines, shared by every command that reads logs.</summary>
internal sealed class LogReadingOptions
{
    public Option<string?> LogFormat { get; } = SettingsTable.LogFormat.TextOption();

    public Option<string?> StartingYear { get; } = SettingsTable.LogStartingYear.TextOption();

    public Option<string?> TimeZone { get; } = SettingsTable.TimeZone.TextOption();

    public Argument<string[]> Inputs { get; } = new("FILE|DIR")
    {
        Description = "Log files (plain, .gz or .bz2), directories of rotated logs (read oldest first), or - for standard input (the default).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        AddOptionsTo(command);
        command.Arguments.Add(Inputs);
    }

    /// <summary>The flags without the <c>FILE|DIR</c> argument (for commands that name their sources otherwise).</summary>
    public void AddOptionsTo(Command command)
    {
        command.Options.Add(LogFormat);
        command.Options.Add(StartingYear);
        command.Options.Add(TimeZone);
    }

    public LogReadingSettings Read(ParseResult result, CliContext context)
    {
        var values = new SettingValues(result, context.Environment);
        var formatText = values.Value(LogFormat, SettingsTable.LogFormat);
        if (!LogFormatNames.TryParse(formatText, out var format))
        {
            throw new UsageException($"--log-format: unknown format '{formatText}'; expected {LogFormatNames.Expected}");
        }

        int? year = null;
        var yearText = values.Text(StartingYear, SettingsTable.LogStartingYear);
        if (yearText is not null)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || (y != 0 && (y < 1970 || y > 9999)))
            {
                throw new UsageException($"--log-starting-year: '{yearText}' is not a year; expected four digits such as 2026 (0 means the current year)");
            }

            year = y == 0 ? context.Clock.GetUtcNow().Year : y;
        }

        var zoneText = values.Text(TimeZone, SettingsTable.TimeZone);
        var zone = ResolveZone(zoneText);
        var inputs = result.GetResult(Inputs) is not null && result.GetValue(Inputs) is { Length: > 0 } given ? given : ["-"];
        return new LogReadingSettings(format, year, zone, inputs);
    }

    private static TimeZoneInfo ResolveZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("local", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Local;
        }

        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name == "Z")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"--timezone: unknown time zone '{name}'; expected an IANA name such as Europe/Berlin, UTC or local");
        }
    }
}

/// <summary>The resolved log reading flags.</summary>
internal sealed record LogReadingSettings(LogFormat Format, int? StartingYear, TimeZoneInfo Zone, string[] Inputs);
