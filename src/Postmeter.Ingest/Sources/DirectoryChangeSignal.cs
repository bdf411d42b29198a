namespace Postmeter.Ingest.Sources;

/// <summary>
/// Sets an event whenever something in one of the directories changes (a file written, created, renamed, deleted),
/// so a follower can look at once instead of at its next poll. Notifications can be lost (an overflowing buffer, a
/// file system without them): they only make following faster, polling keeps it correct.
/// </summary>
public sealed class DirectoryChangeSignal : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];

    public DirectoryChangeSignal(IEnumerable<string> directories, EventWaitHandle changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var directory in directories)
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += (_, _) => changed.Set();
                watcher.Created += (_, _) => changed.Set();
                watcher.Renamed += (_, _) => changed.Set();
                watcher.Deleted += (_, _) => changed.Set();
                watcher.Error += (_, _) => changed.Set();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // No notifications here (inotify limit reached, say): polling alone follows the directory.
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }
}
