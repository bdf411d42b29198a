using Microsoft.Extensions.Logging;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Logging;

/// <summary>The levels <c>-log_level</c> takes, Lightmeter's names.</summary>
internal static class LogLevels
{
    public static LogLevel Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "INFO" => LogLevel.Information,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        _ => throw new UsageException($"--log-level: unknown level '{text}'; expected DEBUG, INFO, WARN or ERROR"),
    };
}
