using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>A refusal before a message was queued, or by cleanup.</summary>
public sealed record EmittedReject(long Sequence, RejectRecord Refusal) : EmittedRecord(Sequence);
