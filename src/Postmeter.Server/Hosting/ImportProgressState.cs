using System.Diagnostics;
using Postmeter.Ingest.Importing;

namespace Postmeter.Server.Hosting;

/// <summary>Where the first import (a follower's catch-up) stands, for the web application's progress banner.</summary>
internal sealed class ImportProgressState : IImportProgressListener
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private ImportProgress? _latest;

    public void Report(ImportProgress progress)
    {
        lock (_lock)
        {
            _latest = progress;
        }
    }

    /// <summary>Whether the logs found at start are still being read (false before any report: none may come).</summary>
    public bool CatchingUp => Latest() is { } latest && latest.Progress.Active;

    /// <summary>Whether the logs found at start have all been read (a follower's catch-up reported its end).</summary>
    public bool CaughtUp => Latest() is { } latest && !latest.Progress.Active;

    /// <summary>The latest report and the time since ingestion started, or null before any.</summary>
    public (ImportProgress Progress, TimeSpan Elapsed)? Latest()
    {
        lock (_lock)
        {
            return _latest is { } latest ? (latest, _elapsed.Elapsed) : null;
        }
    }
}
