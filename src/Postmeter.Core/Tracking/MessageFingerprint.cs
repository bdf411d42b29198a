namespace Postmeter.Core.Tracking;

/// <summary>
/// A number that grows whenever a message changes in a way its saved state shows, so a save can tell cheaply whether
/// to write it again: the count of field sets on the message and its recipients plus the lengths of what only grows
/// (raw lines, recipients, each recipient's attempts, hop children). Every part only grows and every change grows at
/// least one, so an equal number means an unchanged message. One <see langword="long"/> a message in flight, where a
/// copy of every saved field took about 330 bytes.
/// </summary>
internal static class MessageFingerprint
{
    public static long Of(TrackedMessage m)
    {
        var mark = m.Changes + m.RawLines.Length + m.Recipients.Count + (m.HopChildren?.Count ?? 0);
        foreach (var recipient in m.Recipients)
        {
            mark += recipient.Changes + recipient.Attempts.Count;
        }

        return mark;
    }
}
