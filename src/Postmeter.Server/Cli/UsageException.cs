namespace Postmeter.Server.Cli;

/// <summary>Mistakes the user can fix (a bad flag value, a missing file): printed a line each, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public const int ExitCode = 2;

    public UsageException(string message)
        : this([message])
    {
    }

    public UsageException(IReadOnlyList<string> problems)
        : base(string.Join('\n', problems)) => Problems = problems;

    /// <summary>Each problem, for a line of its own.</summary>
    public IReadOnlyList<string> Problems { get; }
}
