using Microsoft.Extensions.Logging;

namespace Postmeter.Ingest.Network;

/// <summary>What the listeners say about their clients, as source-generated log messages.</summary>
internal static partial class ListenerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "log client connected: {Client}")]
    public static partial void Connected(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "log client disconnected: {Client}")]
    public static partial void Disconnected(ILogger logger, string client);
}
