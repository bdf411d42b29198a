using System.Text;
using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>
/// One line run through <see cref="EnvelopeParser"/> and <see cref="PostfixParser"/>, with every span copied into a
/// string (empty when unset) so tests can assert on fields after the ref structs are gone.
/// </summary>
public sealed class ParsedLine
{
    public DateTime Time { get; private init; }

    public string Host { get; private init; } = "";

    public string Program { get; private init; } = "";

    public string Instance { get; private init; } = "";

    public string Daemon { get; private init; } = "";

    public int Pid { get; private init; }

    public string Text { get; private init; } = "";

    public PostfixEventKind Kind { get; private init; }

    public string QueueId { get; private init; } = "";

    public string Address { get; private init; } = "";

    public string OrigTo { get; private init; } = "";

    public string Sender { get; private init; } = "";

    public string Relay { get; private init; } = "";

    public string Dsn { get; private init; } = "";

    public DeliveryStatus Status { get; private init; }

    public string EventText { get; private init; } = "";

    public string Tls { get; private init; } = "";

    public double Delay { get; private init; }

    public long Size { get; private init; }

    public int RecipientCount { get; private init; }

    public string ClientHost { get; private init; } = "";

    public string ClientIp { get; private init; } = "";

    public string SaslMethod { get; private init; } = "";

    public string SaslUsername { get; private init; } = "";

    public string MessageId { get; private init; } = "";

    public string ChildQueueId { get; private init; } = "";

    public NotificationKind Notification { get; private init; }

    public string Stage { get; private init; } = "";

    public string ReplyCode { get; private init; } = "";

    public string Helo { get; private init; } = "";

    public string Action { get; private init; } = "";

    public string Version { get; private init; } = "";

    /// <summary>Parses one line; fails the test if its syslog envelope is not understood.</summary>
    public static ParsedLine Of(string line, LogFormat format = LogFormat.Default) =>
        TryOf(line, format) ?? throw new Xunit.Sdk.XunitException("envelope not parsed: " + line);

    public static ParsedLine? TryOf(string line, LogFormat format = LogFormat.Default, YearlessClock? clock = null)
    {
        var parser = new EnvelopeParser(format, clock ?? new YearlessClock(TimeZoneInfo.Utc, 2026, new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        return TryOf(parser, Encoding.UTF8.GetBytes(line));
    }

    public static ParsedLine? TryOf(EnvelopeParser parser, ReadOnlySpan<byte> line)
    {
        if (!parser.TryParse(line, out var envelope))
        {
            return null;
        }

        var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
        return new ParsedLine
        {
            Time = envelope.Time,
            Host = S(envelope.Host),
            Program = S(envelope.Program),
            Instance = S(envelope.Instance),
            Daemon = S(envelope.Daemon),
            Pid = envelope.Pid,
            Text = S(envelope.Text),
            Kind = e.Kind,
            QueueId = S(e.QueueId),
            Address = S(e.Address),
            OrigTo = S(e.OrigTo),
            Sender = S(e.Sender),
            Relay = S(e.Relay),
            Dsn = S(e.Dsn),
            Status = e.Status,
            EventText = S(e.Text),
            Tls = S(e.Tls),
            Delay = e.Delay,
            Size = e.Size,
            RecipientCount = e.RecipientCount,
            ClientHost = S(e.ClientHost),
            ClientIp = S(e.ClientIp),
            SaslMethod = S(e.SaslMethod),
            SaslUsername = S(e.SaslUsername),
            MessageId = S(e.MessageId),
            ChildQueueId = S(e.ChildQueueId),
            Notification = e.Notification,
            Stage = S(e.Stage),
            ReplyCode = S(e.ReplyCode),
            Helo = S(e.Helo),
            Action = S(e.Action),
            Version = S(e.Version),
        };
    }

    private static string S(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
}
