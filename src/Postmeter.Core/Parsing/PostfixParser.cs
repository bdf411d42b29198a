namespace Postmeter.Core.Parsing;

/// <summary>
/// Recognises what a Postfix program logged. Pure and allocation-free: the result's spans point into the input.
/// The program is identified by the last part of its syslog tag, so renamed services
/// (<c>postfix/submission/smtpd</c>) and other instances (<c>postfix-out/smtp</c>) parse the same way.
/// </summary>
public static class PostfixParser
{
    public static PostfixEvent Parse(ReadOnlySpan<byte> daemon, ReadOnlySpan<byte> text)
    {
        var e = default(PostfixEvent);
        if (text.IsEmpty)
        {
            return e;
        }

        if (daemon.SequenceEqual("smtpd"u8))
        {
            SmtpdLines.Parse(text, ref e);
        }
        else if (daemon.SequenceEqual("cleanup"u8))
        {
            CleanupLines.Parse(text, ref e);
        }
        else if (daemon.SequenceEqual("qmgr"u8) || daemon.SequenceEqual("nqmgr"u8))
        {
            QmgrLines.Parse(text, ref e);
        }
        else if (daemon.SequenceEqual("bounce"u8))
        {
            BounceLines.Parse(text, ref e);
        }
        else if (daemon.SequenceEqual("pickup"u8))
        {
            ParsePickup(text, ref e);
        }
        else if (daemon.SequenceEqual("postscreen"u8) || daemon.SequenceEqual("dnsblog"u8))
        {
            PostscreenLines.Parse(text, ref e);
        }
        else if (daemon.SequenceEqual("master"u8) || daemon.SequenceEqual("postfix-script"u8))
        {
            ParseLifecycle(text, ref e);
        }
        else if (daemon.SequenceEqual("postsuper"u8))
        {
            ParsePostsuper(text, ref e);
        }
        else if (daemon.SequenceEqual("anvil"u8) || daemon.SequenceEqual("scache"u8))
        {
            if (text.StartsWith("statistics: "u8))
            {
                e.Kind = PostfixEventKind.Statistics;
                e.Text = text;
            }
        }

        if (e.Kind == PostfixEventKind.Unsupported)
        {
            ParseAnyProgram(text, ref e);
        }

        return e;
    }

    /// <summary>Lines any program may write: delivery results (every delivery agent uses the same format) and warnings.</summary>
    private static void ParseAnyProgram(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (TryParseSeverity(text, ref e))
        {
            return;
        }

        if (!QueueIds.TrySplit(text, out var queueId, out var rest))
        {
            return;
        }

        if (rest.StartsWith("to=<"u8))
        {
            e.QueueId = queueId;
            DeliveryLines.Parse(rest, ref e);
            return;
        }

        if (DeliveryLines.IsRemark(rest))
        {
            e.Kind = rest.IndexOf("TLS connection established"u8) >= 0 ? PostfixEventKind.TlsConnection : PostfixEventKind.DeliveryRemark;
            e.QueueId = queueId;
            e.Text = rest;
        }
    }

    internal static bool TryParseSeverity(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        int length;
        if (text.StartsWith("warning: "u8))
        {
            length = 9;
        }
        else if (text.StartsWith("error: "u8) || text.StartsWith("fatal: "u8) || text.StartsWith("panic: "u8))
        {
            length = 7;
        }
        else
        {
            return false;
        }

        e.Kind = PostfixEventKind.Warning;
        e.Action = text[..(length - 2)];
        e.Text = text[length..];
        return true;
    }

    private static void ParsePickup(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (!QueueIds.TrySplit(text, out var queueId, out var rest) || !rest.StartsWith("uid="u8))
        {
            return;
        }

        var from = rest.IndexOf(" from=<"u8);
        if (from < 0)
        {
            return;
        }

        var sender = rest[(from + 7)..];
        var close = sender.IndexOf((byte)'>');
        if (close < 0)
        {
            return;
        }

        e.Kind = PostfixEventKind.Pickup;
        e.QueueId = queueId;
        e.Address = sender[..close];
    }

    private static void ParseLifecycle(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        var version = text.IndexOf(" -- version "u8);
        if (version >= 0)
        {
            e.Kind = PostfixEventKind.Lifecycle;
            e.Action = text[..version];
            var v = text[(version + 12)..];
            var comma = v.IndexOf((byte)',');
            e.Version = comma < 0 ? v : v[..comma];
            return;
        }

        if (text.StartsWith("terminating on signal"u8) || text.StartsWith("starting the Postfix"u8)
            || text.StartsWith("stopping the Postfix"u8) || text.StartsWith("refreshing the Postfix"u8)
            || text.StartsWith("reload"u8) || text.StartsWith("daemon started"u8))
        {
            e.Kind = PostfixEventKind.Lifecycle;
            e.Action = text;
        }
    }

    private static void ParsePostsuper(ReadOnlySpan<byte> text, ref PostfixEvent e)
    {
        if (!QueueIds.TrySplit(text, out var queueId, out var rest))
        {
            if (text.StartsWith("Deleted: "u8) || text.StartsWith("Requeued: "u8) || text.StartsWith("Placed on hold: "u8) || text.StartsWith("Released from hold: "u8))
            {
                e.Kind = PostfixEventKind.QueueAdmin;
                e.Text = text;
            }

            return;
        }

        e.QueueId = queueId;
        e.Text = rest;
        e.Kind = rest.SequenceEqual("removed"u8) ? PostfixEventKind.Removed : PostfixEventKind.QueueAdmin;
    }
}
