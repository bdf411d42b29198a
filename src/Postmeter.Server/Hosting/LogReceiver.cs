using Microsoft.Extensions.Logging;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Network;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Hosting;

/// <summary>Receives lines on the plan's listeners (log sockets, syslog) until stopped.</summary>
internal sealed partial class LogReceiver(NetworkReceiver receiver, ImportPlan plan, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger<LogReceiver>();

    public ImportSummary Receive(CancellationToken stop)
    {
        using var feed = new LineFeed();
        var listeners = new List<IDisposable>();
        try
        {
            foreach (var (address, syslog) in plan.Listeners)
            {
                if (syslog && address.Protocol == System.Net.Sockets.ProtocolType.Udp)
                {
                    listeners.Add(new DatagramListener(address, feed));
                }
                else
                {
                    listeners.Add(new StreamListener(
                        address,
                        syslog ? (stream, client, token) => SyslogReader.Read(stream, client, feed, token) : (stream, client, token) => NewlineReader.Read(stream, client, feed, token),
                        loggers.CreateLogger<StreamListener>()));
                }

                Listening(_log, address.Text, syslog ? "syslog" : $"log lines ({plan.Settings.Format})");
            }

            return receiver.Receive(feed, stop);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "listening on {Address} for {What}")]
    private static partial void Listening(ILogger logger, string address, string what);
}
