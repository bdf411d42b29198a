namespace Postmeter.Core.Tracking;

/// <summary>A refusal before a message was queued (smtpd, postscreen) or by cleanup (header/body checks, milters).</summary>
public sealed record RejectRecord(
    DateTime Time,
    string Host,
    string? QueueId,
    string Source,
    string Stage,
    string? ClientHost,
    string? ClientIp,
    string? Sender,
    string? Recipient,
    string? Code,
    string? Dsn,
    string Reason)
{
    /// <summary>The log line of the refusal, when the tracker keeps lines (<see cref="TrackerOptions.KeepRawLines"/>).</summary>
    public string? RawLine { get; init; }
}
