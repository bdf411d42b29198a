using System.Globalization;
using System.Text;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Tests.Support;

/// <summary>Every public field of a message, its hops, recipients and attempts, as text, to compare two by value.</summary>
public static class MessageText
{
    public static string Of(TrackedMessage m)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{m.Host}|{m.Instance}|{m.QueueId}|{T(m.FirstSeen)}|{T(m.LastSeen)}|{m.Origin}|{T(m.ReceivedAt)}|{m.MessageId}|{m.Sender}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{m.ClientHost}|{m.ClientIp}|{m.SaslUsername}|{m.Size}|{m.RecipientCount}|{m.ReturnedToSender}|{m.NotificationOf}|{m.NotificationKind}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{T(m.ExpiredAt)}|{m.Held}|{m.Completion}|{T(m.CompletedAt)}|{m.Direction}|hops={string.Join(",", m.Hops)}");
        foreach (var r in m.Recipients)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {r.Address}|{r.OrigAddress}|{r.HopQueueId}|{T(r.DiscardedAt)}|{r.Fate}|{T(r.FateAt)}");
            foreach (var a in r.Attempts)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {T(a.Time)}|{a.Status}|{a.Daemon}|{a.Relay}|{a.Dsn}|{a.Response}|{a.Delay:R}|{a.Tls}");
            }
        }

        return text.ToString();
    }

    private static string T(DateTime? time) => time is { } t ? $"{t.Ticks}{t.Kind}" : "-";
}
