using Postmeter.Core.Classification;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Reporting;

/// <summary>Aggregates tracked messages, rejects and auth failures into a <see cref="Report"/> in bounded memory.</summary>
public sealed class ReportBuilder(FailureClassifier classifier, int topCount = 20) : ITrackingSink
{
    private const int MaxDomains = 50_000;

    private readonly Dictionary<DateOnly, DayCounters> _days = [];
    private readonly Dictionary<string, DomainCounters> _recipientDomains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DomainCounters> _senderDomains = new(StringComparer.OrdinalIgnoreCase);
    private readonly TopCounter _senders = new();
    private readonly TopCounter _recipients = new();
    private readonly TopCounter _bounceReasons = new();
    private readonly TopCounter _deferralReasons = new();
    private readonly TopCounter _rejectReasons = new();
    private readonly TopCounter _authFailures = new();
    private readonly FailureReasons _reasons = new(classifier);
    private long _received;
    private long _receivedSmtp;
    private long _receivedLocal;
    private long _notifications;
    private long _delivered;
    private long _bounced;
    private long _deferred;
    private long _expired;
    private long _discarded;
    private long _deferralAttempts;
    private long _delayedRecipients;
    private long _rejected;
    private long _returned;
    private long _held;
    private long _incomplete;
    private long _outbound;
    private long _inbound;
    private long _local;
    private long _bytesReceived;
    private long _bytesDelivered;
    private long _saslFailures;

    public void OnMessage(TrackedMessage message)
    {
        switch (message.Origin)
        {
            case MessageOrigin.Smtp:
                _receivedSmtp++;
                break;
            case MessageOrigin.Pickup:
                _receivedLocal++;
                break;
            case MessageOrigin.Internal when message.NotificationKind is not null:
                _notifications++;
                break;
            default:
                break;
        }

        if (message.ReceivedAt is { } receivedAt && message.Origin is MessageOrigin.Smtp or MessageOrigin.Pickup)
        {
            _received++;
            _bytesReceived += message.Size ?? 0;
            Day(receivedAt).Received++;
            if (!string.IsNullOrEmpty(message.Sender))
            {
                _senders.Add(message.Sender);
            }
        }

        _returned += message.ReturnedToSender ? 1 : 0;
        _held += message.Held ? 1 : 0;
        _incomplete += message.Completion == Completion.Removed ? 0 : 1;
        switch (message.Direction)
        {
            case Direction.Outbound:
                _outbound++;
                break;
            case Direction.Inbound:
                _inbound++;
                break;
            default:
                _local++;
                break;
        }

        var senderCounters = Domain(_senderDomains, message.Sender);
        if (senderCounters is not null)
        {
            senderCounters.Messages++;
            senderCounters.Bytes += message.Size ?? 0;
        }

        foreach (var recipient in message.FinalRecipients)
        {
            CountRecipient(message, recipient, senderCounters);
        }
    }

    public void OnReject(RejectRecord reject)
    {
        _rejected++;
        Day(reject.Time).Rejected++;
        _rejectReasons.Add(FailureReasons.Of(reject).Key);
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
        _saslFailures++;
        _authFailures.Add(failure.ClientIp ?? "unknown");
    }

    public Report Build(LineStatistics lines, long orphanLines)
    {
        return new Report
        {
            From = lines.FirstTime,
            To = lines.LastTime,
            PostfixVersion = lines.PostfixVersion,
            Totals = new Totals(
                _received, _receivedSmtp, _receivedLocal, _notifications, _delivered, _bounced, _deferred, _expired, _discarded,
                _deferralAttempts, _delayedRecipients, _rejected, _returned, _held, _incomplete, _outbound, _inbound, _local,
                _bytesReceived, _bytesDelivered, _senders.Distinct, _senderDomains.Count, _recipients.Distinct, _recipientDomains.Count,
                lines.Count(PostfixEventKind.SmtpdConnect), lines.SaslLogins, _saslFailures, lines.Count(PostfixEventKind.Warning)),
            PerDay = [.. _days.OrderBy(d => d.Key).Select(d => d.Value.ToDay(d.Key))],
            RecipientDomains = TopDomains(_recipientDomains),
            SenderDomains = TopDomains(_senderDomains),
            Senders = Keys(_senders),
            Recipients = Keys(_recipients),
            BounceReasons = Reasons(_bounceReasons),
            DeferralReasons = Reasons(_deferralReasons),
            RejectReasons = Reasons(_rejectReasons),
            AuthFailuresByClient = Keys(_authFailures),
            Lines = new LineCounts(
                lines.Lines, lines.Supported, lines.Unsupported, lines.Malformed, orphanLines,
                [.. lines.UnsupportedByProgram.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(topCount).Select(p => new KeyCount(p.Key, p.Value))]),
            Approximate = _senders.Approximate || _recipients.Approximate || _bounceReasons.Approximate || _deferralReasons.Approximate,
        };
    }

    private void CountRecipient(TrackedMessage message, TrackedRecipient recipient, DomainCounters? senderCounters)
    {
        var domain = Domain(_recipientDomains, recipient.Address);
        if (domain is not null)
        {
            domain.Messages++;
        }

        _recipients.Add(recipient.Address);
        var deferrals = recipient.DeferralCount;
        _deferralAttempts += deferrals;
        _delayedRecipients += deferrals > 0 ? 1 : 0;
        if (domain is not null)
        {
            domain.DeferralAttempts += deferrals;
        }

        CountDeferralReasons(recipient);
        // A fate counts on the day its message ended, as the dashboard and a report over a range count it.
        Day(message.EndedAt).Count(recipient.Fate);

        domain?.Count(recipient.Fate);
        senderCounters?.Count(recipient.Fate);
        if (domain is not null && recipient.Fate == Fate.Sent)
        {
            domain.Bytes += message.Size ?? 0;
        }
        switch (recipient.Fate)
        {
            case Fate.Sent:
                _delivered++;
                _bytesDelivered += message.Size ?? 0;
                break;
            case Fate.Bounced:
                _bounced++;
                AddReason(_bounceReasons, recipient.LastAttempt);
                break;
            case Fate.Deferred:
                _deferred++;
                break;
            case Fate.Expired:
                _expired++;
                break;
            default:
                _discarded++;
                break;
        }
    }

    private void CountDeferralReasons(TrackedRecipient recipient)
    {
        foreach (var attempt in recipient.Attempts)
        {
            if (attempt.Status is DeliveryStatus.Deferred or DeliveryStatus.SoftBounce)
            {
                AddReason(_deferralReasons, attempt);
            }
        }
    }

    private void AddReason(TopCounter counter, DeliveryAttempt? attempt)
    {
        if (attempt is not null)
        {
            counter.Add(_reasons.Of(attempt).Key);
        }
    }

    private IReadOnlyList<ReasonCount> Reasons(TopCounter counter) =>
        [.. counter.Top(topCount).Select(kv =>
        {
            var reason = FailureReason.FromKey(kv.Key);
            return new ReasonCount(reason.Category, reason.Provider, reason.Text, kv.Value);
        })];

    private IReadOnlyList<KeyCount> Keys(TopCounter counter) => [.. counter.Top(topCount).Select(kv => new KeyCount(kv.Key, kv.Value))];

    private IReadOnlyList<DomainTraffic> TopDomains(Dictionary<string, DomainCounters> domains) =>
        [.. domains.OrderByDescending(d => d.Value.Messages).ThenBy(d => d.Key, StringComparer.OrdinalIgnoreCase).Take(topCount)
            .Select(d => new DomainTraffic(d.Key, d.Value.Messages, d.Value.Delivered, d.Value.Bounced, d.Value.Deferred, d.Value.Expired, d.Value.DeferralAttempts, d.Value.Bytes))];

    private DayCounters Day(DateTime time)
    {
        var date = DateOnly.FromDateTime(time);
        if (!_days.TryGetValue(date, out var counters))
        {
            counters = new DayCounters();
            _days[date] = counters;
        }

        return counters;
    }

    /// <summary>The counters of an address's domain (looked up without allocating), or null once too many domains are tracked.</summary>
    private static DomainCounters? Domain(Dictionary<string, DomainCounters> domains, string? address)
    {
        var domain = DirectionRule.DomainOf(address);
        if (domain.IsEmpty)
        {
            domain = string.IsNullOrEmpty(address) ? "<>" : "(no domain)";
        }

        var lookup = domains.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(domain, out var counters))
        {
            return counters;
        }

        if (domains.Count >= MaxDomains)
        {
            return null;
        }

        counters = new DomainCounters();
        domains[domain.ToString().ToLowerInvariant()] = counters;
        return counters;
    }

    /// <summary>Recipients counted by fate.</summary>
    private class FateCounters
    {
        public long Delivered { get; private set; }

        public long Bounced { get; private set; }

        public long Deferred { get; private set; }

        public long Expired { get; private set; }

        public void Count(Fate fate)
        {
            switch (fate)
            {
                case Fate.Sent:
                    Delivered++;
                    break;
                case Fate.Bounced:
                    Bounced++;
                    break;
                case Fate.Deferred:
                    Deferred++;
                    break;
                case Fate.Expired:
                    Expired++;
                    break;
                default:
                    break;
            }
        }
    }

    private sealed class DayCounters : FateCounters
    {
        public long Received { get; set; }

        public long Rejected { get; set; }

        public DayTraffic ToDay(DateOnly date) => new(date, Received, Delivered, Deferred, Bounced, Expired, Rejected);
    }

    private sealed class DomainCounters : FateCounters
    {
        public long Messages { get; set; }

        public long DeferralAttempts { get; set; }

        public long Bytes { get; set; }
    }
}
