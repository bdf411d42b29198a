using System.CommandLine;
using Postmeter.Core.Classification;
using Postmeter.Core.Reporting;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Server.Cli;

/// <summary><c>postmeter report</c>: a pflogsumm-style summary of logs, streamed, no workspace needed.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var logs = new LogReadingOptions();
        var stored = new WorkspaceReading();
        var format = new Option<string>("--format") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        var top = new Option<int>("--top") { Description = "Entries in each top list (default 20).", DefaultValueFactory = _ => 20 };
        var fingerprints = new Option<string?>("--failure-fingerprints")
        {
            Description = "A failure fingerprint file to classify bounce and deferral reasons with, instead of the built-in one.",
        };
        var command = new Command("report", "Summarise Postfix logs: traffic, fates, top domains and senders, bounce, deferral and reject reasons.");
        logs.AddTo(command);
        stored.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(top);
        command.Options.Add(fingerprints);
        command.SetAction(result => context.Guard(() =>
        {
            var output = result.GetValue(format) ?? "text";
            if (output is not ("text" or "json"))
            {
                throw new UsageException($"--format: unknown format '{output}'; expected text or json");
            }

            var topCount = result.GetValue(top);
            if (topCount is < 1 or > 10_000)
            {
                throw new UsageException($"--top: {topCount} is out of range; expected 1 to 10000");
            }

            var builder = new ReportBuilder(LoadClassifier(result.GetValue(fingerprints)), topCount);
            var report = stored.Read(result, logs, out var range) is { } workspace
                ? FromWorkspace(context, workspace, range, builder)
                : FromLogs(context, logs.Read(result, context), builder);
            if (output == "json")
            {
                using var stdout = context.OpenStdout();
                ReportJson.Write(report, stdout);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                ReportTextWriter.Write(report, context.Out);
                context.Out.Flush();
            }
        }));
        return command;
    }

    private static Report FromLogs(CliContext context, LogReadingSettings settings, ReportBuilder builder)
    {
        var run = new LogStreamRun(settings.Format, settings.StartingYear, settings.Zone, builder, context.Clock);
        run.Run(settings.Inputs, context.OpenStdin);
        return builder.Build(run.Statistics, run.Tracker?.OrphanLines ?? 0);
    }

    private static Report FromWorkspace(CliContext context, string workspace, TimeRange range, ReportBuilder builder)
    {
        using var store = context.OpenWorkspace(workspace, true);
        var orphanLines = store.ReplayToEnd(range, builder);
        return builder.Build(store.ReadLineStatistics(range), orphanLines);
    }

    private static FailureClassifier LoadClassifier(string? path)
    {
        if (path is null)
        {
            return FailureClassifier.Default;
        }

        try
        {
            using var reader = File.OpenText(path);
            return FailureClassifier.Parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--failure-fingerprints: cannot read '{path}': {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--failure-fingerprints: {e.Message}");
        }
    }
}
