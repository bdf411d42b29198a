namespace Postmeter.Storage;

/// <summary>A restarted import's starting point (the tracker's saved state is read apart: <see cref="IImportWriter.ReadSavedTracker"/>).</summary>
/// <param name="TrackerState">The saved tracker's header, or null when nothing was committed yet.</param>
public sealed record ImportState(IReadOnlyList<SourceCheckpoint> Sources, byte[]? TrackerState, long NextSequence);
