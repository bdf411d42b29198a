using System.Diagnostics;
using System.Globalization;

namespace Postmeter.Ingest.Importing;

/// <summary>Moments at which the crash-safety tests may have the importer killed.</summary>
public enum KillPoint
{
    /// <summary>After the Nth line read by this process.</summary>
    Line,

    /// <summary>Before the Nth source of this process is opened.</summary>
    Source,

    /// <summary>When the Nth batch is ready, before its transaction begins.</summary>
    BeforeCommit,

    /// <summary>While the Nth batch's transaction is being written.</summary>
    DuringCommit,

    /// <summary>Right after the Nth batch's transaction is durable.</summary>
    AfterCommit,
}

/// <summary>
/// A test hook: <c>POSTMETER_TEST_KILL=point:N</c> (point: line, source, before-commit, during-commit, after-commit)
/// makes the process SIGKILL itself at that moment, so tests can prove that a crash anywhere loses and repeats
/// nothing. Unset in normal use, where every check is one comparison.
/// </summary>
public static class TestKillSwitch
{
    public const string Variable = "POSTMETER_TEST_KILL";

    private static readonly (KillPoint Point, long Count)? Armed = Parse(Environment.GetEnvironmentVariable(Variable));

    public static bool IsArmed => Armed is not null;

    /// <summary>Kills the process if the switch is set for this point and count.</summary>
    public static void At(KillPoint point, long count)
    {
        if (Armed is { } armed && armed.Point == point && armed.Count == count)
        {
            Kill();
        }
    }

    /// <summary>For a point inside work that follows: kills the process from another thread a moment after the work began.</summary>
    public static void Entering(KillPoint point, long count)
    {
        if (Armed is { } armed && armed.Point == point && armed.Count == count)
        {
            new Thread(() =>
            {
                Thread.Sleep(1);
                Kill();
            })
            { IsBackground = true }.Start();
        }
    }

    private static void Kill()
    {
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static (KillPoint, long)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(':');
        KillPoint? point = parts[0] switch
        {
            "line" => KillPoint.Line,
            "source" => KillPoint.Source,
            "before-commit" => KillPoint.BeforeCommit,
            "during-commit" => KillPoint.DuringCommit,
            "after-commit" => KillPoint.AfterCommit,
            _ => null,
        };
        if (point is null || parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new InvalidOperationException($"{Variable}='{value}': expected point:N with point one of line, source, before-commit, during-commit, after-commit");
        }

        return (point.Value, count);
    }
}
