namespace Postmeter.Core.Tracking;

/// <summary>
/// A message and the queues it passed through after its first (content filter re-injections, local forwards): linking
/// a hop to its parent, walking the tree, and folding it into the one message that is emitted.
/// </summary>
internal static class HopTree
{
    public static void Attach(TrackedMessage parent, TrackedRecipient recipient, TrackedMessage child)
    {
        recipient.HopQueueId = child.QueueId;
        child.HopParent = parent;
        (parent.HopChildren ??= []).Add(child);
    }

    public static bool IsAncestor(TrackedMessage candidate, TrackedMessage message)
    {
        for (var m = message.HopParent; m is not null; m = m.HopParent)
        {
            if (m == candidate)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the message and every hop below it have settled.</summary>
    public static bool IsSettled(TrackedMessage message)
    {
        if (!message.Settled)
        {
            return false;
        }

        foreach (var child in message.HopChildren ?? [])
        {
            if (!IsSettled(child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Makes <paramref name="root"/> the message that is emitted: each recipient's fate decided, the hops' recipients,
    /// raw lines and completion folded in, hand-offs to queues that never appeared taken back, the direction set.
    /// </summary>
    public static void Assemble(TrackedMessage root)
    {
        root.Emitted = true;
        Decide(root);
        foreach (var child in Descendants(root))
        {
            child.Emitted = true;
            Decide(child);
            root.Hops.Add(child.QueueId);
            root.Recipients.AddRange(child.Recipients);
            root.AppendRawLines(child.RawLines);
            root.ReturnedToSender |= child.ReturnedToSender;
            root.Held |= child.Held;

            // What the first queue's lines lack (its cleanup line came before the logs began, say), a hop may name.
            root.MessageId ??= child.MessageId;
            root.Sender ??= child.Sender;
            root.Size ??= child.Size;
            if (child.Completion != Completion.Removed)
            {
                root.Completion = child.Completion;
            }

            root.CompletedAt = Max(root.CompletedAt, child.CompletedAt);
        }

        foreach (var recipient in root.Recipients)
        {
            if (recipient.HopQueueId is not null && !root.Hops.Contains(recipient.HopQueueId))
            {
                // The queue it was handed to never appeared: what we know is that it was accepted there.
                recipient.HopQueueId = null;
            }
        }

        root.Direction = DirectionRule.Of(root);
    }

    private static void Decide(TrackedMessage message)
    {
        foreach (var recipient in message.Recipients)
        {
            recipient.Fate = message.FateOf(recipient);
            recipient.FateAt = message.FateTime(recipient);
        }
    }

    private static IEnumerable<TrackedMessage> Descendants(TrackedMessage message)
    {
        foreach (var child in message.HopChildren ?? [])
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }
        }
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
