namespace Postmeter.Core.Tracking;

/// <summary>
/// The tracker's messages that changed since the last save (each saved on its own, by id), the ids it no longer
/// refers to, and whether all rows saved before go first (the first save of a process).
/// </summary>
public sealed record TrackerMessageRows(IReadOnlyList<(long Id, byte[] State)> Changed, IReadOnlyList<long> Removed, bool ReplaceAll);
