using System.Globalization;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.QueryBench;

/// <summary>
/// Deterministic, realistically spread mail for the query benchmark: ~50 000 senders (5 000 mailboxes of ours), ~1 M
/// recipient addresses over ~20 000 domains (a few big providers, a long tail; Zipf-like), a day's rhythm, 65 %
/// outbound, 30 % inbound, 5 % local; per recipient 5 % bounced and 10 % deferred at least once (most then sent,
/// some expired). Messages come in the order they end, as the tracker emits them.
/// </summary>
internal sealed class MailGenerator
{
    private const string OurDomain = "ourcompany.example";
    private const int Mailboxes = 5_000;
    private const int ExternalSenders = 45_000;
    private const int Addresses = 1_000_000;
    private const int Domains = 20_000;

    private static readonly string[] BigDomains =
    [
        "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "gmx.de", "web.de", "aol.com", "live.com", "t-online.de",
        "orange.fr", "mail.ru", "yandex.ru", "protonmail.com", "posteo.de",
    ];

    private static readonly int[] HourWeights = [1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 9, 10, 11, 11, 10, 8, 6, 5, 4, 3, 2, 1];

    private readonly Random _random;
    private readonly DateTime _start;
    private readonly int _days;
    private readonly string[] _domains = new string[Domains];
    private readonly int[] _addressDomain = new int[Addresses];
    private readonly double[] _domainCumulative;
    private readonly double[] _addressCumulative;
    private readonly int[] _hourCumulative;
    private long _queue = 0x10000;

    public MailGenerator(int seed, DateTime start, int days)
    {
        _random = new Random(seed);
        _start = start;
        _days = days;
        for (var i = 0; i < Domains; i++)
        {
            _domains[i] = i < BigDomains.Length ? BigDomains[i] : $"d{i}.example";
        }

        _domainCumulative = Zipf(Domains, 1.05);
        _addressCumulative = Zipf(Addresses, 0.8);
        for (var i = 0; i < Addresses; i++)
        {
            _addressDomain[i] = Pick(_domainCumulative);
        }

        _hourCumulative = [.. HourWeights.Select((_, i) => HourWeights.Take(i + 1).Sum())];
    }

    public DateTime End => _start.AddDays(_days);

    /// <summary>One day's messages and rejects, in the order they end.</summary>
    public (List<TrackedMessage> Messages, List<RejectRecord> Rejects) Day(int day, int messages)
    {
        var list = new List<TrackedMessage>(messages);
        for (var i = 0; i < messages; i++)
        {
            list.Add(Message(_start.AddDays(day).Add(TimeOfDay())));
        }

        list.Sort((a, b) => a.EndedAt.CompareTo(b.EndedAt));
        var rejects = new List<RejectRecord>(messages / 30);
        for (var i = 0; i < messages / 30; i++)
        {
            var at = _start.AddDays(day).Add(TimeOfDay());
            rejects.Add(new RejectRecord(
                at, "mail", null, "smtpd", "RCPT", "unknown", $"203.0.113.{_random.Next(1, 255)}", ExternalSender(), Mailbox(), "554", "5.7.1",
                "Service unavailable; Client host blocked using zen.spamhaus.org")
            { RawLine = $"{at:MMM dd HH:mm:ss} mail postfix/smtpd[1234]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 blocked" });
        }

        rejects.Sort((a, b) => a.Time.CompareTo(b.Time));
        return (list, rejects);
    }

    private TrackedMessage Message(DateTime received)
    {
        var roll = _random.NextDouble();
        var direction = roll < 0.65 ? Direction.Outbound : roll < 0.95 ? Direction.Inbound : Direction.Local;
        var queueId = (_queue++).ToString("X10", CultureInfo.InvariantCulture);
        var sender = direction == Direction.Inbound ? ExternalSender() : Mailbox();
        var message = new TrackedMessage("mail", "postfix", queueId, received)
        {
            Origin = MessageOrigin.Smtp,
            ReceivedAt = received,
            MessageId = $"{queueId}.{_random.Next():x8}@{sender[(sender.IndexOf('@') + 1)..]}",
            Sender = sender,
            ClientHost = direction == Direction.Inbound ? "mx.sender.example" : "laptop.ourcompany.example",
            ClientIp = direction == Direction.Inbound ? $"198.51.100.{_random.Next(1, 255)}" : "192.0.2.10",
            SaslUsername = direction == Direction.Inbound ? null : sender,
            Size = 2_000 + _random.Next(200_000),
            Direction = direction,
            Completion = Completion.Removed,
        };
        var count = roll < 0.8 ? 1 : _random.Next(2, 4);
        var end = received;
        for (var i = 0; i < count; i++)
        {
            var recipient = direction == Direction.Outbound ? Address() : Mailbox();
            var r = new TrackedRecipient(recipient, null);
            end = Max(end, Deliver(r, received, direction == Direction.Outbound));
            message.Recipients.Add(r);
        }

        message.RecipientCount = count;
        message.LastSeen = end;
        message.CompletedAt = end;
        if (message.Recipients.Any(r => r.Fate == Fate.Expired))
        {
            message.ExpiredAt = end;
        }

        message.ReturnedToSender = message.Recipients.Any(r => r.Fate is Fate.Bounced or Fate.Expired);
        return message;
    }

    /// <summary>Adds the recipient's attempts and fate; returns the time of its fate.</summary>
    private DateTime Deliver(TrackedRecipient r, DateTime received, bool remote)
    {
        var domain = r.Address[(r.Address.IndexOf('@') + 1)..];
        var relay = remote ? $"mx{_random.Next(1, 3)}.{domain}[192.0.2.{_random.Next(1, 255)}]:25" : "mail.ourcompany.example[private/dovecot-lmtp]";
        var daemon = remote ? "smtp" : "lmtp";
        var at = received.AddSeconds(1 + _random.Next(5));
        var roll = _random.NextDouble();
        if (roll < 0.10)
        {
            var deferrals = 1 + _random.Next(4);
            for (var i = 0; i < deferrals; i++)
            {
                r.Attempts.Add(new DeliveryAttempt(at, DeliveryStatus.Deferred, daemon, relay, "4.7.1", "451 4.7.1 Greylisted, please try again later", 1.5, null));
                at = at.AddMinutes(15 << i);
            }

            if (roll < 0.015)
            {
                r.Attempts.Add(new DeliveryAttempt(at, DeliveryStatus.Bounced, daemon, relay, "4.4.1", "connect to " + domain + ": Connection timed out", 5, null));
                r.Fate = Fate.Expired;
                r.FateAt = at;
                return at;
            }
        }

        if (roll is >= 0.10 and < 0.15)
        {
            r.Attempts.Add(new DeliveryAttempt(at, DeliveryStatus.Bounced, daemon, relay, "5.1.1", $"550 5.1.1 <{r.Address}>: Recipient address rejected: User unknown", 0.8, "TLSv1.3"));
            r.Fate = Fate.Bounced;
        }
        else
        {
            r.Attempts.Add(new DeliveryAttempt(at, DeliveryStatus.Sent, daemon, relay, "2.0.0", "250 2.0.0 OK queued as " + _random.Next().ToString("X", CultureInfo.InvariantCulture), 0.6, "TLSv1.3"));
            r.Fate = Fate.Sent;
        }

        r.FateAt = at;
        return at;
    }

    private string Address()
    {
        var index = Pick(_addressCumulative);
        return $"user{index}@{_domains[_addressDomain[index]]}";
    }

    private string Mailbox() => $"person{_random.Next(Mailboxes)}@{OurDomain}";

    private string ExternalSender()
    {
        var index = _random.Next(ExternalSenders);
        return $"sender{index}@{_domains[_addressDomain[index]]}";
    }

    private TimeSpan TimeOfDay()
    {
        var pick = _random.Next(_hourCumulative[^1]);
        var hour = Array.FindIndex(_hourCumulative, c => pick < c);
        return TimeSpan.FromHours(hour) + TimeSpan.FromSeconds(_random.Next(3600));
    }

    private int Pick(double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, _random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double[] Zipf(int count, double exponent)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
