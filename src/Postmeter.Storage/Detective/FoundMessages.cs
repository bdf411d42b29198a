using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Detective;

/// <summary>Builds the detective's read models from what a store or the tracker's state rebuilt.</summary>
public static class FoundMessages
{
    public static FoundMessage From(TrackedMessage message, string id, bool hasLog)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new FoundMessage(
            id, message.Host, message.Instance, message.QueueId, [.. message.Hops], message.FirstSeen, message.ReceivedAt, message.EndedAt,
            DetectiveMatch.IsQueued(message), message.Completion, message.Origin, message.Direction, message.MessageId, message.Sender,
            message.ClientHost, message.ClientIp, message.SaslUsername, message.Size, message.ReturnedToSender, message.NotificationOf,
            message.NotificationKind, message.ExpiredAt, message.Held,
            [.. message.Recipients.Select(r => new FoundRecipient(r.Address, r.OrigAddress, r.HopQueueId, r.Fate, r.FateAt, [.. r.Attempts]))],
            hasLog);
    }

    public static FoundReject From(RejectRecord reject, long sequence)
    {
        ArgumentNullException.ThrowIfNull(reject);
        return new FoundReject(
            RejectId(sequence), reject.Time, reject.Host, reject.QueueId, reject.Source, reject.Stage, reject.ClientHost, reject.ClientIp,
            reject.Sender, reject.Recipient, reject.Code, reject.Dsn, reject.Reason, reject.RawLine is not null);
    }

    /// <summary>The id of a stored message.</summary>
    public static string StoredId(long sequence) => "m" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of a stored reject.</summary>
    public static string RejectId(long sequence) => "r" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of a message in flight: its host, instance and first queue id, which no other message in flight shares.</summary>
    public static string InFlightId(TrackedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = string.Join('\n', message.Host, message.Instance, message.QueueId);
        return "q" + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>What an id names: a stored message or reject (by sequence number), or a message in flight (by host, instance, queue id).</summary>
    public static (char Kind, long Sequence, string? Host, string? Instance, string? QueueId)? Parse(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 400)
        {
            return null;
        }

        if (id[0] is 'm' or 'r')
        {
            return long.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq)
                ? (id[0], seq, null, null, null)
                : null;
        }

        if (id[0] != 'q')
        {
            return null;
        }

        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(id.AsSpan(1))).Split('\n');
            return parts.Length == 3 ? ('q', 0, parts[0], parts[1], parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
