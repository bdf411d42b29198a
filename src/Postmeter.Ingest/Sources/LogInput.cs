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

    /// <summary>
    /// Opens the file for reading, decompressing if needed (see <see cref="LogFileOpener"/>). Standard input belongs
    /// to the program's host, which opens it and hands the stream to <see cref="LogFileOpener.Open(Stream, string)"/>.
    /// </summary>
    public Stream Open() => IsStandardInput
        ? throw new InvalidOperationException("standard input is opened by the program's host, not by LogInput")
        : LogFileOpener.Open(Path);

    /// <summary>Opens the input: the file (decompressed if needed), or the stream <paramref name="openStdin"/> gives for standard input.</summary>
    public Stream Open(Func<Stream> openStdin) => IsStandardInput ? LogFileOpener.Open(openStdin(), DisplayName) : Open();

    /// <summary>
    /// The time year-less lines are dated against: the file's last write (its last line), or now for standard input.
    /// </summary>
    public DateTime YearReference(TimeProvider clock) => IsStandardInput ? clock.GetUtcNow().UtcDateTime : LogFileInfo.LastWriteUtc(Path);

    public bool Equals(LogInput? other) => other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LogInput);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    public override string ToString() => DisplayName;
}
