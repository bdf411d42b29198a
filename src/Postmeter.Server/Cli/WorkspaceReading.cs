using System.CommandLine;
using System.Globalization;
using Postmeter.Storage;

namespace Postmeter.Server.Cli;

/// <summary><c>--workspace DIR [--from T] [--to T]</c>: read a command's messages from a workspace instead of from logs.</summary>
internal sealed class WorkspaceReading
{
    public Option<string?> Workspace { get; } = new("--workspace", "-workspace")
    {
        Description = "Read what a workspace holds (see 'postmeter -importonly') instead of log files.",
    };

    public Option<string?> From { get; } = new("--from")
    {
        Description = "With --workspace: only what happened at or after this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00+01:00; UTC if no offset).",
    };

    public Option<string?> To { get; } = new("--to")
    {
        Description = "With --workspace: only what happened before this time (same format as --from).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Workspace);
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>The workspace to read, or null to read logs; checks the flags agree.</summary>
    public string? Read(ParseResult result, LogReadingOptions logs, out TimeRange range)
    {
        var workspace = result.GetValue(Workspace);
        var from = ParseTime(result.GetValue(From), "--from");
        var to = ParseTime(result.GetValue(To), "--to");
        range = new TimeRange(from, to);
        if (workspace is null)
        {
            if (from is not null || to is not null)
            {
                throw new UsageException("--from and --to need --workspace (they select from stored data)");
            }

            return null;
        }

        if (result.GetValue(logs.Inputs) is { Length: > 0 })
        {
            throw new UsageException("--workspace: give either a workspace or log files, not both");
        }

        if (from is not null && to is not null && from >= to)
        {
            throw new UsageException($"--from {IsoText(from.Value)} is not before --to {IsoText(to.Value)}");
        }

        return workspace;
    }

    private static DateTime? ParseTime(string? text, string flag)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return time.UtcDateTime;
        }

        throw new UsageException($"{flag}: '{text}' is not a time; expected ISO 8601 such as 2026-11-01 or 2026-11-01T08:00:00Z");
    }

    private static string IsoText(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
