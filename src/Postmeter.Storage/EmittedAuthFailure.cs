using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>A failed SMTP AUTH attempt.</summary>
public sealed record EmittedAuthFailure(long Sequence, AuthFailureRecord Failure) : EmittedRecord(Sequence);
