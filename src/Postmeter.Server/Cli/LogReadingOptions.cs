using System.CommandLine;
using System.Globalization;
using Postmeter.Core.Parsing;

namespace Postmeter.Server.Cli;

/// <summary>The flags that say how to read log lines, shared by every command that reads logs.</summary>
internal sealed class LogReadingOptions
{
    public Option<string?> LogFormat { get; } = new("--log-format", "-log_format")
    {
        Description = $"How lines are framed: {LogFormatNames.Expected} (default: default). Env: POSTMETER_LOG_FORMAT, LIGHTMETER_LOG_FORMAT.",
    };

    public Option<string?> StartingYear { get; } = new("--log-starting-year", "-log_starting_year")
    {
        Description = "Year of the first line of year-less logs (default: from each file's modification time; the current year for standard input). Env: POSTMETER_LOG_STARTING_YEAR, LIGHTMETER_LOGS_STARTING_YEAR.",
    };

    public Option<string?> TimeZone { get; } = new("--timezone")
    {
        Description = "Time zone of year-less log times, e.g. Europe/Berlin or UTC (default: this machine's). Env: POSTMETER_TIMEZONE.",
    };

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

    public LogReadingSettings Read(ParseResult result, TimeProvider clock)
    {
        var formatText = result.GetValue(LogFormat) ?? EnvironmentFallback.Get("POSTMETER_LOG_FORMAT", "LIGHTMETER_LOG_FORMAT") ?? "default";
        if (!LogFormatNames.TryParse(formatText, out var format))
        {
            throw new UsageException($"--log-format: unknown format '{formatText}'; expected {LogFormatNames.Expected}");
        }

        int? year = null;
        var yearText = result.GetValue(StartingYear) ?? EnvironmentFallback.Get("POSTMETER_LOG_STARTING_YEAR", "LIGHTMETER_LOGS_STARTING_YEAR");
        if (yearText is not null)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || (y != 0 && (y < 1970 || y > 9999)))
            {
                throw new UsageException($"--log-starting-year: '{yearText}' is not a year; expected four digits such as 2026 (0 means the current year)");
            }

            year = y == 0 ? clock.GetUtcNow().Year : y;
        }

        var zoneText = result.GetValue(TimeZone) ?? EnvironmentFallback.Get("POSTMETER_TIMEZONE");
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
