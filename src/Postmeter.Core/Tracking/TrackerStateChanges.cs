namespace Postmeter.Core.Tracking;

/// <summary>One save of <see cref="IncrementalTrackerState"/>: the header (<see cref="TrackerSnapshot.ToBytes"/> without messages) and the message rows.</summary>
public sealed record TrackerStateChanges(byte[] Header, TrackerMessageRows Messages);
