namespace Postmeter.Storage.Tests.Support;

/// <summary>The tracker's saved state as the store hands it over, bytes unread.</summary>
public sealed class SavedRows : ISavedTrackerReceiver
{
    public byte[]? Header { get; private set; }

    public List<byte[]> Messages { get; } = [];

    public bool Ended { get; private set; }

    public static SavedRows Of(IWorkspaceStore store)
    {
        var rows = new SavedRows();
        store.ReadSavedTracker(rows);
        return rows;
    }

    void ISavedTrackerReceiver.Header(byte[] state) => Header = state;

    void ISavedTrackerReceiver.Message(byte[] state) => Messages.Add(state);

    void ISavedTrackerReceiver.End() => Ended = true;
}
