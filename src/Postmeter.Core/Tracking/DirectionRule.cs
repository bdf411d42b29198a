namespace Postmeter.Core.Tracking;

/// <summary>
/// The one rule for a message's direction, used everywhere:
/// <list type="bullet">
/// <item><b>outbound</b>: at least one recipient was handed to another server (any delivery agent other than
/// local, virtual, lmtp, pipe and discard — smtp, and error/retry lines for remote destinations);</item>
/// <item><b>local</b>: every recipient was delivered on this server (local, virtual, lmtp, pipe) and the sender is
/// ours: submitted by an authenticated user, through <c>sendmail</c>, created by Postfix itself, or the sender's
/// domain is one of the recipients' domains;</item>
/// <item><b>inbound</b>: every recipient was delivered on this server and the sender is someone else.</item>
/// </list>
/// A message with no delivery line yet is outbound when its sender is ours and inbound otherwise.
/// </summary>
public static class DirectionRule
{
    public static bool IsMailboxDelivery(string daemon) =>
        daemon is "local" or "virtual" or "lmtp" or "pipe" or "discard";

    public static Direction Of(TrackedMessage message)
    {
        var anyDelivery = false;
        var anyRemote = false;
        foreach (var recipient in message.FinalRecipients)
        {
            var last = recipient.LastAttempt;
            if (last is null)
            {
                continue;
            }

            anyDelivery = true;
            if (!IsMailboxDelivery(last.Daemon))
            {
                anyRemote = true;
                break;
            }
        }

        var senderIsOurs = SenderIsOurs(message);
        if (anyRemote || (!anyDelivery && senderIsOurs))
        {
            return Direction.Outbound;
        }

        return senderIsOurs ? Direction.Local : Direction.Inbound;
    }

    private static bool SenderIsOurs(TrackedMessage message)
    {
        if (message.SaslUsername is not null || message.Origin is MessageOrigin.Pickup or MessageOrigin.Internal)
        {
            return true;
        }

        var senderDomain = DomainOf(message.Sender);
        if (senderDomain.Length == 0)
        {
            return false;
        }

        foreach (var recipient in message.FinalRecipients)
        {
            if (recipient.LastAttempt is { } last && IsMailboxDelivery(last.Daemon)
                && DomainOf(recipient.Address).Equals(senderDomain, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static ReadOnlySpan<char> DomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return default;
        }

        var at = address.LastIndexOf('@');
        return at < 0 ? default : address.AsSpan(at + 1);
    }
}
