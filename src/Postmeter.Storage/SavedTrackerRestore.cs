using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>Restores a tracker from what a workspace saved, decoding one saved message at a time.</summary>
public sealed class SavedTrackerRestore(MessageTracker tracker) : ISavedTrackerReceiver
{
    private TrackerRestore? _restore;

    /// <summary>Continues <paramref name="tracker"/> from the state <paramref name="store"/> saved; false when nothing was committed yet.</summary>
    /// <exception cref="WorkspaceException">The saved state is damaged: not what this version writes or reads.</exception>
    public static bool Into(MessageTracker tracker, IImportWriter store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadSavedTracker(new SavedTrackerRestore(tracker));
    }

    public void Header(byte[] state) => _restore = tracker.BeginRestore(TrackerSnapshot.FromBytes(state));

    public void Message(byte[] state) => Started.Add(TrackerSnapshot.MessageFromBytes(state));

    public void End() => Started.Finish();

    private TrackerRestore Started => _restore ?? throw new InvalidOperationException("The saved tracker's header comes first.");
}
