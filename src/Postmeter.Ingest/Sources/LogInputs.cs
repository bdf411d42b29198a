namespace Postmeter.Ingest.Sources;

/// <summary>Turns the command line's <c>FILE|DIR|-</c> arguments into the inputs to read, in reading order.</summary>
public static class LogInputs
{
    /// <inheritdoc cref="Expand(IEnumerable{string}, IReadOnlyList{string})"/>
    public static IReadOnlyList<LogInput> Expand(IEnumerable<string> args) => Expand(args, LogDirectory.DefaultPatterns);

    /// <summary>
    /// <c>-</c> is standard input; a file is itself; a directory is its log files found by
    /// <see cref="LogDirectory"/>: pattern after pattern (in <paramref name="patterns"/> order), each pattern's
    /// files oldest first. Arguments keep their order. An input named twice (the same file, or a file and its
    /// directory) is read once, where it first appears.
    /// </summary>
    /// <exception cref="LogInputException">An argument names nothing, or a directory holds no log files.</exception>
    public static IReadOnlyList<LogInput> Expand(IEnumerable<string> args, IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(args);
        var inputs = new List<LogInput>();
        var seen = new HashSet<LogInput>();
        foreach (var arg in args)
        {
            foreach (var input in ExpandOne(arg, patterns))
            {
                if (seen.Add(input))
                {
                    inputs.Add(input);
                }
            }
        }

        return inputs;
    }

    /// <summary>
    /// syslog writes warnings and errors to <c>mail.warn</c>/<c>mail.err</c> in addition to the full
    /// <c>mail.log</c>/<c>maillog</c>; reading both would count those lines twice, so the subsets are skipped when a
    /// full log is there.
    /// </summary>
    private static IEnumerable<string> WithoutSeveritySubsets(LogDirectoryListing listing)
    {
        var hasFullLog = listing.Series.Any(s => s.Pattern is "mail.log" or "maillog" && s.Files.Count > 0);
        return listing.Series
            .Where(s => !(hasFullLog && s.Pattern is "mail.warn" or "mail.err"))
            .SelectMany(s => s.Files);
    }

    private static List<LogInput> ExpandOne(string arg, IReadOnlyList<string> patterns)
    {
        if (arg == LogInput.StandardInputArgument)
        {
            return [LogInput.StandardInput];
        }

        if (!string.IsNullOrEmpty(arg) && Directory.Exists(arg))
        {
            var files = WithoutSeveritySubsets(LogDirectory.Scan(arg, patterns)).Select(LogInput.File).ToList();
            if (files.Count == 0)
            {
                throw new LogInputException(
                    $"No Postfix log files in directory {arg} (expected files named {string.Join(", ", patterns)}, or their rotated archives such as {patterns[0]}.1.gz)",
                    arg);
            }

            return files;
        }

        if (!string.IsNullOrEmpty(arg) && File.Exists(arg))
        {
            return [LogInput.File(arg)];
        }

        throw new LogInputException(
            $"No such file or directory: {arg} (expected a Postfix log file, a directory of them, or - for standard input)",
            arg);
    }
}
