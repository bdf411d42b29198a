namespace Postmeter.Server.Hosting;

/// <summary>Whether ingestion runs, for the readiness check: not yet, running, or ended (and why).</summary>
internal sealed class IngestionStatus
{
    private volatile string? _notRunning = "starting";

    /// <summary>Null while ingestion runs; otherwise why it does not.</summary>
    public string? NotRunning => _notRunning;

    public void Running() => _notRunning = null;

    public void Ended(string reason) => _notRunning = reason;
}
