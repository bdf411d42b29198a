using Microsoft.Extensions.Logging;

namespace Postmeter.Ingest.Importing;

/// <summary>What the importer says about its sources, as source-generated log messages.</summary>
internal static partial class ImportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "following {Count} log file(s) for new lines")]
    public static partial void Following(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: gone while reading ({Reason}); looking again")]
    public static partial void GoneWhileReading(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Reason}; listing the log files again")]
    public static partial void ListingAgain(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: empty, nothing to import")]
    public static partial void Empty(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: already imported")]
    public static partial void AlreadyImported(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: {Name} rotated, read to its end already")]
    public static partial void RotatedAndRead(ILogger logger, string source, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: new content, reading it from the start")]
    public static partial void NewContent(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: imported before as {Name}; resuming at byte {Offset}")]
    public static partial void Resuming(ILogger logger, string source, string name, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped before building the lookup indexes; the next import builds them")]
    public static partial void StoppedBeforeIndexes(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "building the lookup indexes (queue id, Message-ID, sender, recipient)")]
    public static partial void BuildingIndexes(ILogger logger);
}
