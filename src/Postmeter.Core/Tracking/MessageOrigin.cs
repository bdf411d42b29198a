namespace Postmeter.Core.Tracking;

/// <summary>How the message entered the queue.</summary>
public enum MessageOrigin : byte
{
    /// <summary>Only later lines were seen (the logs start in the middle of its life).</summary>
    Unknown,

    /// <summary>Received over SMTP (<c>smtpd … client=</c>).</summary>
    Smtp,

    /// <summary>Local submission through <c>sendmail</c>/<c>postdrop</c> (<c>pickup … uid=</c>).</summary>
    Pickup,

    /// <summary>Created by Postfix itself: bounce and delay notifications, local forwards.</summary>
    Internal,
}
