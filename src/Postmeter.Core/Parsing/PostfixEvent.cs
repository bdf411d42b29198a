namespace Postmeter.Core.Parsing;

/// <summary>
/// A parsed Postfix line. Which fields are set depends on <see cref="Kind"/>; unset spans are empty. Spans point into
/// the line and are valid until the next line is parsed.
/// </summary>
public ref struct PostfixEvent
{
    public PostfixEventKind Kind;

    /// <summary>The queue id, empty for <c>NOQUEUE</c> and lines without one.</summary>
    public ReadOnlySpan<byte> QueueId;

    /// <summary>Recipient (<c>to=</c>) of a delivery or reject; sender (<c>from=</c>) of qmgr/pickup/expired lines.</summary>
    public ReadOnlySpan<byte> Address;

    public ReadOnlySpan<byte> OrigTo;

    /// <summary><c>from=</c> of reject/discard/hold lines.</summary>
    public ReadOnlySpan<byte> Sender;

    /// <summary><c>relay=</c> as logged: <c>host[ip]:port</c>, <c>local</c>, <c>none</c>, <c>private/dovecot-lmtp</c>.</summary>
    public ReadOnlySpan<byte> Relay;

    public ReadOnlySpan<byte> Dsn;

    public DeliveryStatus Status;

    /// <summary>The reply or reason text: a delivery's parenthesised text, a reject's reply, a warning's text.</summary>
    public ReadOnlySpan<byte> Text;

    public ReadOnlySpan<byte> Tls;

    public double Delay;

    public long Size;

    public int RecipientCount;

    public ReadOnlySpan<byte> ClientHost;

    public ReadOnlySpan<byte> ClientIp;

    public ReadOnlySpan<byte> SaslMethod;

    public ReadOnlySpan<byte> SaslUsername;

    public ReadOnlySpan<byte> MessageId;

    /// <summary>The new queue of a notification (<c>…notification: NEWQID</c>).</summary>
    public ReadOnlySpan<byte> ChildQueueId;

    public NotificationKind Notification;

    /// <summary>Where a reject/discard/hold happened: <c>RCPT</c>, <c>MAIL</c>, <c>DATA</c>, <c>CONNECT</c>, <c>header</c>, <c>body</c>, <c>END-OF-MESSAGE</c>…</summary>
    public ReadOnlySpan<byte> Stage;

    /// <summary>The SMTP reply code of a reject, e.g. <c>550</c>.</summary>
    public ReadOnlySpan<byte> ReplyCode;

    public ReadOnlySpan<byte> Helo;

    /// <summary>The action word of reject/discard/hold/policy lines (<c>reject</c>, <c>milter-reject</c>, <c>warn</c>…), or the postscreen/lifecycle keyword.</summary>
    public ReadOnlySpan<byte> Action;

    /// <summary>Postfix version from <c>daemon started -- version X</c>.</summary>
    public ReadOnlySpan<byte> Version;
}
