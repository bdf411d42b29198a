using Postmeter.Ingest.Sources;

namespace Postmeter.Server.Cli;

/// <summary>The log files of the watched directories, oldest first, after checking that each directory is one.</summary>
internal static class WatchedLogs
{
    public static List<LogInput> List(IReadOnlyList<string> directories, IReadOnlyList<string> patterns)
    {
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new UsageException(File.Exists(directory)
                    ? $"-watch_dir: {directory} is a file; expected the directory that holds the Postfix logs (e.g. /var/log)"
                    : $"-watch_dir: no such directory: {directory} (expected the directory that holds the Postfix logs, e.g. /var/log)");
            }
        }

        return [.. LogInputs.Expand(directories, patterns)];
    }
}
