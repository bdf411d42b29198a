using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>A message the tracker finished (or ended at the end of the input), with its recipients and hops.</summary>
public sealed record EmittedMessage(long Sequence, TrackedMessage Tracked) : EmittedRecord(Sequence);
