using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Postmeter.LiveLatency;

/// <summary>A write that ended at <see cref="Timestamp"/> (Stopwatch ticks) and brought the file to <see cref="LinesTotal"/> lines.</summary>
internal readonly record struct Written(long LinesTotal, long Timestamp);

/// <summary>A message's last line (<c>qmgr … removed</c>): once that line is visible, the message must be visible as completed.</summary>
internal sealed record Probe(long Line, string Host, string QueueId, long Timestamp);

/// <summary>
/// Appends lines of a real log, stamped with the current time, to a file at a steady rate, as a syslog daemon does: the file stays open, each write
/// is a few whole lines. Tells when each write ended and which lines completed a message.
/// </summary>
internal sealed class PacedWriter(string source, string target, int linesPerSecond, int writesPerSecond)
{
    public ConcurrentQueue<Written> Writes { get; } = new();

    public ConcurrentQueue<Probe> Probes { get; } = new();

    public long LinesWritten { get; private set; }

    /// <summary>When the first write was due (Stopwatch ticks).</summary>
    public long StartedAt { get; private set; }

    public void Run(TimeSpan duration, CancellationToken stop)
    {
        var wanted = (long)(linesPerSecond * duration.TotalSeconds);
        var lines = File.ReadLines(source).Take((int)Math.Min(wanted, int.MaxValue)).ToList();
        if (lines.Count < wanted)
        {
            throw new InvalidOperationException($"{source} has {lines.Count} lines; {wanted} are needed for {duration.TotalSeconds:0} s at {linesPerSecond} lines/s");
        }

        using var file = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        var perWrite = Math.Max(1, linesPerSecond / writesPerSecond);
        var clock = Stopwatch.StartNew();
        StartedAt = Stopwatch.GetTimestamp();
        var next = 0;
        for (var write = 0; next < lines.Count && !stop.IsCancellationRequested; write++)
        {
            var due = TimeSpan.FromSeconds(write * perWrite / (double)linesPerSecond);
            if (clock.Elapsed < due)
            {
                Thread.Sleep(due - clock.Elapsed);
            }

            var count = Math.Min(perWrite, lines.Count - next);
            var stamp = DateTime.Now.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
            var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Skip(next).Take(count).Select(l => Restamp(l, stamp) + "\n")));
            file.Write(bytes);
            file.Flush();
            var now = Stopwatch.GetTimestamp();
            for (var i = next; i < next + count; i++)
            {
                if (AsProbe(lines[i], i + 1L, now) is { } probe)
                {
                    Probes.Enqueue(probe);
                }
            }

            next += count;
            LinesWritten = next;
            Writes.Enqueue(new Written(next, now));
        }

    }

    /// <summary>The line as if logged now: a live log's lines carry the time they were written (traditional syslog stamps are 15 characters).</summary>
    private static string Restamp(string line, string stamp) => line.Length > 15 && line[15] == ' ' ? stamp + line[15..] : line;

    private static Probe? AsProbe(string line, long number, long timestamp)
    {
        var fields = line.Split(' ', 8, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 7 && fields[4].StartsWith("postfix/qmgr[", StringComparison.Ordinal) && fields[6] == "removed"
            ? new Probe(number, fields[3], fields[5].TrimEnd(':'), timestamp)
            : null;
    }
}
