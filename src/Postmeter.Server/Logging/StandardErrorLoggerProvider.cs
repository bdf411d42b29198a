using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Postmeter.Server.Logging;

/// <summary>Log lines on standard error, as Lightmeter's users read them: <c>2026-11-22T10:00:00Z INFO message</c>.</summary>
internal sealed class StandardErrorLoggerProvider(StandardError error, TimeProvider clock) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(error, clock);

    public void Dispose()
    {
    }

    internal static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    private sealed class Logger(StandardError error, TimeProvider clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var time = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += ": " + exception.Message;
            }

            error.WriteLine($"{time} {Name(logLevel)} {message}");
        }
    }
}
