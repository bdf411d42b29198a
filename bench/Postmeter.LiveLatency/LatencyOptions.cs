using System.Globalization;

namespace Postmeter.LiveLatency;

/// <summary>What one run measures: which postmeter, which log, how fast and how long lines are written.</summary>
internal sealed record LatencyOptions(string Postmeter, string Source, int LinesPerSecond, TimeSpan Duration, int WritesPerSecond)
{
    public const string Usage = """
        usage: Postmeter.LiveLatency --postmeter PATH --source LOG [--rate LINES_PER_S] [--seconds N] [--writes-per-second N]

          --postmeter          the postmeter executable to follow the log (e.g. bench/out/postmeter/postmeter)
          --source             a real-shaped Postfix log to append from (e.g. made by bench/make-large-log.py)
          --rate               lines appended per second (default 1000)
          --seconds            how long lines are appended (default 60)
          --writes-per-second  how many writes (each of rate/writes lines) per second (default 20)
        """;

    public static LatencyOptions Parse(string[] args)
    {
        string? postmeter = null, source = null;
        int rate = 1000, seconds = 60, writes = 20;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--postmeter": postmeter = value; break;
                case "--source": source = value; break;
                case "--rate": rate = Positive(args[i], value); break;
                case "--seconds": seconds = Positive(args[i], value); break;
                case "--writes-per-second": writes = Positive(args[i], value); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }

            i++;
        }

        if (postmeter is null || source is null)
        {
            throw new ArgumentException("--postmeter and --source are required");
        }

        return new LatencyOptions(Path.GetFullPath(postmeter), Path.GetFullPath(source), rate, TimeSpan.FromSeconds(seconds), Math.Min(writes, rate));
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");
}
