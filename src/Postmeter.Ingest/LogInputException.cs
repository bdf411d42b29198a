namespace Postmeter.Ingest;

/// <summary>
/// A log input the user pointed us at cannot be used: a missing file or directory, an unreadable file, a damaged
/// archive, or a rotation set without its current file. The message names the input and what was expected, so the
/// command line can print it as is (and exit with status 2) instead of a stack trace.
/// </summary>
public sealed class LogInputException : Exception
{
    public LogInputException()
    {
    }

    public LogInputException(string message)
        : base(message)
    {
    }

    public LogInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public LogInputException(string message, string? path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or directory the message is about, when there is one.</summary>
    public string? Path { get; }
}
