using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary>One page of detective results, newest first.</summary>
/// <param name="Total">Every result, counted up to 1 000 (<c>total_is_exact</c> false beyond, or when the count stopped early).</param>
/// <param name="NextCursor">Give it back as <c>cursor</c> for the next page; null on the last.</param>
internal sealed record SearchView(IReadOnlyList<ResultView> Results, long? Total, bool TotalIsExact, string? NextCursor);

/// <summary>A message (<c>kind</c> message) or a refusal before the queue (<c>kind</c> reject); the other part is null.</summary>
internal sealed record ResultView(string Kind, DateTime Time, MessageView? Message, RejectView? Reject);

/// <summary>
/// A message: its queues (first and hops), sender, Message-ID, client, size, direction, every recipient with its fate and
/// every attempt, and the notification that returned it (or the message a notification reports on), by id.
/// <c>status</c> is the recipients' fate when they share one, <c>mixed</c> when not, and <c>queued</c>/<c>deferred</c>
/// while the message is still in the queue.
/// </summary>
internal sealed record MessageView(
    string Id,
    string Status,
    bool InFlight,
    string Host,
    string QueueId,
    IReadOnlyList<string> Hops,
    DateTime FirstSeen,
    DateTime? ReceivedAt,
    DateTime EndedAt,
    string Direction,
    string? MessageId,
    string? Sender,
    string? ClientHost,
    string? ClientIp,
    string? SaslUsername,
    long? Size,
    bool ReturnedToSender,
    string? NotificationId,
    string? NotificationOf,
    string? NotifiedMessageId,
    DateTime? ExpiredAt,
    bool Held,
    bool HasLog,
    IReadOnlyList<RecipientView> Recipients);

/// <summary>A recipient: <c>handed_to</c> names the queue it went on in (a content filter, a forward) when it is not final.</summary>
internal sealed record RecipientView(string Address, string? OrigAddress, string? HandedTo, string Fate, DateTime? FateAt, IReadOnlyList<AttemptView> Attempts);

/// <summary>One delivery status line: when, what came of it, the DSN, where to, the reply, how long it took (seconds).</summary>
internal sealed record AttemptView(DateTime Time, string Status, string Agent, string? Relay, string? Dsn, string? Reply, double Delay, string? Tls);

/// <summary>A refusal: when, by whom (smtpd, postscreen, cleanup) at which stage, of which client, sender and recipient, with code and reason.</summary>
internal sealed record RejectView(
    string Id, DateTime Time, string Host, string? QueueId, string Source, string Stage, string? ClientHost, string? ClientIp, string? Sender, string? Recipient,
    string? Code, string? Dsn, string Reason, bool HasLog);

/// <summary>A message (or reject) in full, with the story of it in time order.</summary>
internal sealed record DetailView(string Kind, MessageView? Message, RejectView? Reject, IReadOnlyList<TimelineEventView> Timeline);

/// <summary>
/// One step of a message's life: <c>received</c>, <c>attempt</c> (for a recipient), <c>expired</c>, <c>returned</c>
/// (its notification), <c>ended</c> (removed from the queue) or <c>queued</c> (still there at the last commit).
/// </summary>
internal sealed record TimelineEventView(DateTime Time, string Kind, string? Recipient, string? Status, string? Detail);

/// <summary>The log lines of a message or reject, in order.</summary>
internal sealed record LogView(string Id, IReadOnlyList<string> Lines);

/// <summary>An escalation stored for the admin: its id and how many results it names.</summary>
internal sealed record EscalationView(long Id, DateTime Time, int Results);

/// <summary>Maps the store's read models to the API's views.</summary>
internal static class DetectiveViews
{
    public static ResultView Of(DetectiveResult result) => result.Message is { } message
        ? new ResultView("message", message.EndedAt, Of(message), null)
        : new ResultView("reject", result.Reject!.Time, null, Of(result.Reject));

    public static RejectView Of(FoundReject r) =>
        new(r.Id, r.Time, r.Host, r.QueueId, r.Source, r.Stage, r.ClientHost, r.ClientIp, r.Sender, r.Recipient, r.Code, r.Dsn, r.Reason, r.HasLog);

    public static MessageView Of(FoundMessage m) => Of(m, m.Recipients);

    /// <summary>The message with only <paramref name="recipients"/> (the public detective shows the asker's recipient alone).</summary>
    public static MessageView Of(FoundMessage m, IEnumerable<FoundRecipient> recipients) => new(
        m.Id, StatusOf(m), m.InFlight, m.Host, m.QueueId, m.Hops, m.FirstSeen, m.ReceivedAt, m.EndedAt, TrackingNames.Of(m.Direction), m.MessageId, m.Sender,
        m.ClientHost, m.ClientIp, m.SaslUsername, m.Size, m.ReturnedToSender, m.NotificationId, m.NotificationOf, m.NotifiedMessageId, m.ExpiredAt, m.Held,
        m.HasLog, [.. recipients.Select(r => Of(r, m.InFlight))]);

    public static string FateOf(FoundRecipient recipient, bool inFlight) =>
        inFlight && recipient.Fate == Fate.Deferred && recipient.Attempts.Count == 0 ? "queued" : TrackingNames.Of(recipient.Fate);

    public static IReadOnlyList<TimelineEventView> Timeline(FoundMessage m)
    {
        var events = new List<TimelineEventView>();
        if (m.ReceivedAt is { } received)
        {
            events.Add(new TimelineEventView(received, "received", null, null, m.ClientHost is null ? null : $"from {m.ClientHost}[{m.ClientIp}]"));
        }

        foreach (var recipient in m.Recipients)
        {
            foreach (var a in recipient.Attempts)
            {
                var detail = recipient.HopQueueId is { } hop ? $"handed on as {hop}" : a.Response;
                events.Add(new TimelineEventView(a.Time, "attempt", recipient.Address, TrackingNames.Of(a.Status), detail));
            }
        }

        if (m.ExpiredAt is { } expired)
        {
            events.Add(new TimelineEventView(expired, "expired", null, "expired", "Postfix gave up after the queue lifetime"));
        }

        if (m.ReturnedToSender)
        {
            events.Add(new TimelineEventView(m.EndedAt, "returned", m.Sender, null, m.NotificationId));
        }

        events.Add(m.InFlight
            ? new TimelineEventView(m.EndedAt, "queued", null, StatusOf(m), "still in the queue at the last line read")
            : new TimelineEventView(m.EndedAt, "ended", null, StatusOf(m), m.Completion == Completion.Lost ? "its end was not logged" : "removed from the queue"));
        return [.. events.OrderBy(e => e.Time)];
    }

    private static RecipientView Of(FoundRecipient r, bool inFlight) => new(
        r.Address, r.OrigAddress, r.HopQueueId, FateOf(r, inFlight), r.FateAt,
        [.. r.Attempts.Select(a => new AttemptView(a.Time, TrackingNames.Of(a.Status), a.Daemon, a.Relay, a.Dsn, a.Response, a.Delay, a.Tls))]);

    private static string StatusOf(FoundMessage m)
    {
        var finals = m.Recipients.Where(r => r.HopQueueId is null).ToList();
        if (m.InFlight)
        {
            return finals.Any(r => r.Attempts.Count > 0 && r.Fate == Fate.Deferred) ? "deferred" : "queued";
        }

        var fates = finals.Select(r => r.Fate).Distinct().ToList();
        return fates.Count switch
        {
            0 => "unknown",
            1 => TrackingNames.Of(fates[0]),
            _ => "mixed",
        };
    }
}
