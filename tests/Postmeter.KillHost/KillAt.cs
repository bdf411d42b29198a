using System.Globalization;
using Postmeter.Ingest.Importing;

namespace Postmeter.KillHost;

/// <summary>The stage and count at which to kill the process, as <c>POSTMETER_TEST_KILL=stage:N</c> names them.</summary>
internal readonly record struct KillAt(ImportStage Stage, long Count)
{
    public const string Variable = "POSTMETER_TEST_KILL";

    public static KillAt? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(':');
        ImportStage? stage = parts[0] switch
        {
            "line" => ImportStage.LineRead,
            "source" => ImportStage.SourceOpening,
            "before-commit" => ImportStage.CommitReady,
            "during-commit" => ImportStage.CommitWriting,
            "after-commit" => ImportStage.CommitDurable,
            _ => null,
        };
        if (stage is null || parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new InvalidOperationException($"{Variable}='{value}': expected stage:N with stage one of line, source, before-commit, during-commit, after-commit");
        }

        return new KillAt(stage.Value, count);
    }
}
