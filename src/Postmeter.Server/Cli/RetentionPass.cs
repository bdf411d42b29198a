using Postmeter.Storage;

namespace Postmeter.Server.Cli;

/// <summary>Deletes what is older than the retention period (counted back from the newest log time), in small transactions.</summary>
internal sealed class RetentionPass(IWorkspaceStore store, TimeSpan retention)
{
    private const int RowsPerTransaction = 5000;

    public long Run()
    {
        if (store.NewestLogTime() is not { } newest || newest - DateTime.MinValue < retention)
        {
            return 0;
        }

        var cutoff = newest - retention;
        long total = 0;
        int deleted;
        while ((deleted = store.DeleteOlderThan(cutoff, RowsPerTransaction)) > 0)
        {
            total += deleted;
        }

        return total;
    }
}
