namespace Postmeter.Server.Cli;

/// <summary>Severity of a log line; <c>-log_level</c> picks the lowest one printed.</summary>
internal enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>Log lines on standard error: <c>2026-11-22T10:00:00Z INFO message</c>.</summary>
internal sealed class CliLog(TextWriter error, LogLevel threshold, TimeProvider clock)
{
    public LogLevel Threshold { get; } = threshold;

    public static LogLevel ParseLevel(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "INFO" => LogLevel.Info,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        _ => throw new UsageException($"--log-level: unknown level '{text}'; expected DEBUG, INFO, WARN or ERROR"),
    };

    public bool IsEnabled(LogLevel level) => level >= Threshold;

    public void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var time = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        error.WriteLine($"{time} {Name(level)} {message}");
        error.Flush();
    }

    public void Info(string message) => Write(LogLevel.Info, message);

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        _ => "ERROR",
    };
}
