namespace Postmeter.Server.Cli;

/// <summary>A mistake the user can fix (a bad flag value, a missing file): printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
