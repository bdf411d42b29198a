using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>
/// One thing the tracker emitted, numbered in emission order: an <see cref="EmittedMessage"/>, an
/// <see cref="EmittedReject"/> or an <see cref="EmittedAuthFailure"/>, and nothing else (no other assembly can add a
/// kind, so a switch over the three is complete).
/// </summary>
public abstract record EmittedRecord
{
    private protected EmittedRecord(long sequence) => Sequence = sequence;

    public long Sequence { get; }

    /// <summary>The message, when this record is one.</summary>
    public TrackedMessage? Message => (this as EmittedMessage)?.Tracked;

    /// <summary>The refusal, when this record is one.</summary>
    public RejectRecord? Reject => (this as EmittedReject)?.Refusal;

    /// <summary>The authentication failure, when this record is one.</summary>
    public AuthFailureRecord? AuthFailure => (this as EmittedAuthFailure)?.Failure;
}
