using Microsoft.Extensions.Logging;

namespace Postmeter.Server.InsightsHost;

/// <summary>What the insights engine logs.</summary>
internal static partial class InsightLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "insights: detector {Type} failed and runs again at its next time: {Reason}")]
    public static partial void DetectorFailed(ILogger logger, string type, string reason);
}
