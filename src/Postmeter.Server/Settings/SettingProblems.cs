using Postmeter.Server.Cli;

namespace Postmeter.Server.Settings;

/// <summary>
/// Collects every problem of a command line and its environment before anything starts, so the user sees them all at
/// once (a line each, exit 2) instead of fixing one per run.
/// </summary>
internal sealed class SettingProblems
{
    private readonly List<string> _problems = [];

    /// <summary>The value <paramref name="read"/> gives, or <paramref name="fallback"/> when it finds a problem (kept).</summary>
    public T Check<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (UsageException e)
        {
            _problems.AddRange(e.Problems);
            return fallback;
        }
    }

    public void Add(string problem) => _problems.Add(problem);

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new UsageException(_problems);
        }
    }
}
