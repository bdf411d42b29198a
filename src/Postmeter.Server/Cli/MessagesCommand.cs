using System.CommandLine;
using Postmeter.Core.Export;
using Postmeter.Ingest.Sources;

namespace Postmeter.Server.Cli;

/// <summary><c>postmeter messages</c>: every message and reject as one JSON object per line.</summary>
internal static class MessagesCommand
{
    public static Command Create(CliContext context)
    {
        var logs = new LogReadingOptions();
        var stored = new WorkspaceReading();
        var format = new Option<string>("--format") { Description = "jsonl (the only format, and the default).", DefaultValueFactory = _ => "jsonl" };
        var command = new Command("messages", "Print every message (with each recipient's fate) and every reject as JSON Lines, from logs or from a workspace.");
        logs.AddTo(command);
        stored.AddTo(command);
        command.Options.Add(format);
        command.SetAction(result => context.Guard(() =>
        {
            var output = result.GetValue(format);
            if (output != "jsonl")
            {
                throw new UsageException($"--format: unknown format '{output}'; expected jsonl");
            }

            var workspace = stored.Read(result, logs, out var range);
            if (workspace is not null)
            {
                using var store = context.OpenWorkspace(workspace, true);
                using var stdout = context.OpenStdout();
                using var writer = new MessageJsonWriter(stdout);
                store.ReplayToEnd(range, writer);
            }
            else
            {
                var settings = logs.Read(result, context);
                using var stdout = context.OpenStdout();
                using var writer = new MessageJsonWriter(stdout);
                new LogStreamRun(settings.Format, settings.StartingYear, settings.Zone, writer, context.Clock).Run(settings.Inputs, context.OpenStdin);
            }
        }));
        return command;
    }
}
