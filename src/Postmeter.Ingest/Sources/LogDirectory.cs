namespace Postmeter.Ingest.Sources;

/// <summary>
/// Finds a log directory's current and rotated log files, per file-name pattern, in reading order.
/// See <see cref="RotatedFileName.TryParse"/> for the names recognised and <see cref="RotationOrder"/> for the order.
/// </summary>
public static class LogDirectory
{
    /// <summary>Base names of Postfix logs on common systems (Debian/Ubuntu, RHEL, Zimbra).</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } = ["mail.log", "mail.warn", "mail.err", "maillog", "zimbra.log"];

    /// <inheritdoc cref="Scan(string, IReadOnlyList{string})"/>
    public static LogDirectoryListing Scan(string directory) => Scan(directory, DefaultPatterns);

    /// <summary>Lists <paramref name="directory"/>'s files for each of <paramref name="patterns"/> (literal file names).</summary>
    /// <exception cref="LogInputException">
    /// The directory is missing or unreadable, a pattern is not a plain file name, or a pattern has archives but no
    /// current file.
    /// </exception>
    public static LogDirectoryListing Scan(string directory, IReadOnlyList<string> patterns)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
        {
            throw new LogInputException("No log file patterns given (expected at least one file name, such as mail.log)");
        }

        foreach (var pattern in patterns)
        {
            ValidatePattern(pattern);
        }

        var fullPath = Path.GetFullPath(directory);
        var entries = ListFiles(directory, fullPath);

        var series = new List<LogFileSeries>(patterns.Count);
        var problems = new List<string>();
        foreach (var pattern in patterns.Distinct(StringComparer.Ordinal))
        {
            var ordered = RotationOrder.Order(Recognise(entries, pattern));
            if (ordered.Count > 0 && ordered[^1].Rotation.Kind != RotationKind.Current)
            {
                var found = string.Join(", ", Enumerable.Reverse(ordered).Select(f => f.FileName));
                problems.Add($"Missing file: {pattern}. Instead found: {found}");
            }

            series.Add(new LogFileSeries(pattern, ordered.ConvertAll(f => f.Path)));
        }

        if (problems.Count > 0)
        {
            throw new LogInputException(
                $"{string.Join("; ", problems)} (in {fullPath}; the current log file must be present next to its rotated archives)",
                fullPath);
        }

        return new LogDirectoryListing(fullPath, series);
    }

    private static List<FileInfo> ListFiles(string directory, string fullPath)
    {
        if (File.Exists(fullPath))
        {
            throw new LogInputException(
                $"Not a directory: {directory} (expected a directory of Postfix log files such as mail.log)", directory);
        }

        if (!Directory.Exists(fullPath))
        {
            throw new LogInputException(
                $"No such directory: {directory} (expected a directory of Postfix log files such as mail.log)", directory);
        }

        try
        {
            return new DirectoryInfo(fullPath).EnumerateFiles().ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new LogInputException(
                $"Cannot list directory {directory}: {e.Message} (expected a readable directory of Postfix log files)",
                directory,
                e);
        }
    }

    private static IEnumerable<RotatedFile> Recognise(List<FileInfo> entries, string pattern)
    {
        foreach (var entry in entries)
        {
            if (RotatedFileName.TryParse(entry.Name, pattern, out var rotation))
            {
                var modified = entry.LinkTarget is null ? entry.LastWriteTimeUtc : LogFileInfo.LastWriteUtc(entry.FullName);
                yield return new RotatedFile(entry.FullName, entry.Name, rotation, modified);
            }
        }
    }

    private static void ValidatePattern(string pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern is "." or ".."
            || pattern.AsSpan().IndexOfAny('/', '\0') >= 0 || pattern.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new LogInputException(
                $"Invalid log file pattern '{pattern}' (expected a file name such as mail.log, without a directory)", pattern);
        }
    }
}
