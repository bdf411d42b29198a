using Microsoft.Extensions.Logging;
using Postmeter.Ingest;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Hosting;

/// <summary>Imports the watched directories, then follows them (change notifications and polling) until stopped.</summary>
internal sealed partial class LogFollower(DirectoryFollower follower, ImportPlan plan, ILogger<LogFollower> log)
{
    public ImportSummary Follow(CancellationToken stop)
    {
        using var changed = new AutoResetEvent(false);
        using var watchers = new DirectoryChangeSignal([.. plan.WatchDirs], changed);
        // The first round uses the listing already checked at start; later ones list again.
        IReadOnlyList<LogInput>? pending = plan.Inputs;
        var listed = plan.Inputs;
        IReadOnlyList<LogInput> List()
        {
            if (pending is not null)
            {
                (listed, pending) = (pending, null);
                return listed;
            }

            try
            {
                listed = WatchedLogs.List(plan.WatchDirs, plan.Patterns);
            }
            catch (Exception e) when (e is LogInputException or UsageException)
            {
                // Rotation can leave the directory without its current file for a moment; the next round looks again.
                ListingFailed(log, e.Message);
            }

            return listed;
        }

        return follower.Follow(List, stop, changed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "listing the logs: {Reason}")]
    private static partial void ListingFailed(ILogger logger, string reason);
}
