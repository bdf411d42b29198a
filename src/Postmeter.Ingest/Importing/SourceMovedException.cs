namespace Postmeter.Ingest.Importing;

/// <summary>A listed file's path holds another file now (a rotation renamed it in the meantime): list the files again.</summary>
public sealed class SourceMovedException : Exception
{
    public SourceMovedException()
    {
    }

    public SourceMovedException(string path)
        : base($"{path} was replaced by a rotation after it was listed")
    {
    }

    public SourceMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
