namespace Postmeter.Ingest.Sources;

/// <summary>One thing to read logs from: a file (plain or compressed) or standard input.</summary>
public sealed class LogInput : IEquatable<LogInput>
{
    /// <summary>How standard input is written on the command line.</summary>
    public const string StandardInputArgument = "-";

    private LogInput(string path) => Path = path;

    public static LogInput StandardInput { get; } = new(StandardInputArgument);

    /// <summary>A file, by its full path (a file named <c>-</c> becomes <c>/current/dir/-</c>, not standard input).</summary>
    public static LogInput File(string path) => new(System.IO.Path.GetFullPath(path));

    /// <summary>The file's full path, or <c>-</c> for standard input.</summary>
    public string Path { get; }

    public bool IsStandardInput => Path == StandardInputArgument;

    /// <summary>How to name this input in messages.</summary>
    public string DisplayName => IsStandardInput ? "standard input" : Path;

    /// <summary>Opens the input for reading, decompressing if needed (see <see cref="LogFileOpener"/>).</summary>
    public Stream Open()
    {
        if (!IsStandardInput)
        {
            return LogFileOpener.Open(Path);
        }

        StandardInputCheck.EnsureReadable();
        return LogFileOpener.Open(Console.OpenStandardInput(), DisplayName);
    }

    public bool Equals(LogInput? other) => other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LogInput);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    public override string ToString() => DisplayName;
}
