namespace Postmeter.Server.Logging;

/// <summary>
/// Standard error, shared by the log and the progress bar: a log line first clears a bar drawn in place, so the two
/// never share a line. Safe to use from several threads.
/// </summary>
internal sealed class StandardError(TextWriter error, bool isTerminal)
{
    private readonly Lock _lock = new();
    private bool _barShown;

    /// <summary>Whether standard error is a terminal (progress is drawn as a bar rather than logged).</summary>
    public bool IsTerminal { get; } = isTerminal;

    public void WriteLine(string line)
    {
        lock (_lock)
        {
            if (_barShown)
            {
                error.Write("\r\x1b[K");
                _barShown = false;
            }

            error.WriteLine(line);
            error.Flush();
        }
    }

    /// <summary>Draws the progress bar over the last one; a finished bar ends its line.</summary>
    public void DrawBar(string bar, bool finished)
    {
        lock (_lock)
        {
            error.Write("\r" + bar + (finished ? "\n" : string.Empty));
            error.Flush();
            _barShown = !finished;
        }
    }
}
