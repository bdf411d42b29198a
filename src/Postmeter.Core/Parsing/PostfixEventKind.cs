namespace Postmeter.Core.Parsing;

/// <summary>What a recognised Postfix log line says.</summary>
public enum PostfixEventKind : byte
{
    /// <summary>Not a line Postmeter understands; counted, never fatal.</summary>
    Unsupported,

    /// <summary>smtpd: <c>connect from host[ip]</c>.</summary>
    SmtpdConnect,

    /// <summary>smtpd: <c>disconnect from host[ip] ehlo=1 … commands=N</c>.</summary>
    SmtpdDisconnect,

    /// <summary>smtpd: <c>lost connection after CMD from host[ip]</c> or <c>timeout after CMD from host[ip]</c>.</summary>
    SmtpdLostConnection,

    /// <summary>smtpd: <c>QID: client=host[ip][, sasl_method=M, sasl_username=U]</c>: a message begins.</summary>
    SmtpdClient,

    /// <summary>smtpd: <c>warning: host[ip]: SASL M authentication failed: reason[, sasl_username=U]</c>.</summary>
    SaslFailure,

    /// <summary>A mail or recipient refused: smtpd/postscreen (<c>NOQUEUE</c> or queue id), cleanup header/body checks, milters.</summary>
    Reject,

    /// <summary>smtpd or cleanup decided to discard the message (<c>discard:</c>, <c>milter-discard:</c>).</summary>
    Discard,

    /// <summary>smtpd or cleanup put the message on hold (<c>hold:</c>, <c>milter-hold:</c>).</summary>
    Hold,

    /// <summary>Other access or header-check actions: <c>warn:</c>, <c>warning:</c>, <c>filter:</c>, <c>redirect:</c>, <c>info:</c>, <c>replace:</c>, <c>prepend:</c>.</summary>
    PolicyAction,

    /// <summary>cleanup: <c>QID: message-id=&lt;id&gt;</c>.</summary>
    MessageId,

    /// <summary>pickup: <c>QID: uid=N from=&lt;sender&gt;</c>: local submission.</summary>
    Pickup,

    /// <summary>qmgr: <c>QID: from=&lt;s&gt;, size=N, nrcpt=M (queue active)</c>.</summary>
    QueueActive,

    /// <summary>qmgr or postsuper: <c>QID: removed</c>.</summary>
    Removed,

    /// <summary>qmgr: <c>QID: from=&lt;s&gt;, status=expired|force-expired, returned to sender</c>.</summary>
    Expired,

    /// <summary>Delivery agents (smtp, lmtp, local, virtual, pipe, error, discard…): <c>QID: to=&lt;r&gt;, relay=…, status=…</c>.</summary>
    Delivery,

    /// <summary>bounce: <c>QID: sender non-delivery notification: NEWQID</c> and its delay/success/postmaster siblings.</summary>
    Notification,

    /// <summary>bounce (Postfix 3.11): <c>QID: sender notification failed to …</c>.</summary>
    NotificationFailed,

    /// <summary>smtp/lmtp remarks about a delivery in progress: <c>host X said: …</c>, <c>lost connection with …</c>, <c>connect to …</c>.</summary>
    DeliveryRemark,

    /// <summary>A TLS session was set up (smtp or smtpd).</summary>
    TlsConnection,

    /// <summary>postscreen and dnsblog events: <c>CONNECT</c>, <c>PASS NEW</c>, <c>DNSBL rank</c>, <c>PREGREET</c>, <c>HANGUP</c>…</summary>
    Postscreen,

    /// <summary>master/postfix-script: started (with version), reload, stop.</summary>
    Lifecycle,

    /// <summary>postsuper and qmgr queue administration: hold, release, requeue, skipped.</summary>
    QueueAdmin,

    /// <summary>anvil and scache statistics.</summary>
    Statistics,

    /// <summary><c>warning:</c>, <c>error:</c>, <c>fatal:</c> and <c>panic:</c> lines of any Postfix program.</summary>
    Warning,
}
