namespace Postmeter.Storage;

/// <summary>
/// A workspace cannot be used as it is: its folder cannot be created or written, its database is not Postmeter's or
/// is damaged, a newer Postmeter wrote it, or another process holds it. The message names the path and what was
/// expected; the files are left as they were.
/// </summary>
public sealed class WorkspaceException : Exception
{
    public WorkspaceException()
    {
    }

    public WorkspaceException(string message)
        : base(message)
    {
    }

    public WorkspaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
