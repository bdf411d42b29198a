namespace Postmeter.Core.Tracking;

/// <summary>How the message's life ended in the logs.</summary>
public enum Completion : byte
{
    /// <summary><c>removed</c> was logged (delivered, bounced or expired), or the message was discarded.</summary>
    Removed,

    /// <summary>The logs ended while the message was still queued.</summary>
    StillQueued,

    /// <summary>Its end never appeared: its queue id was reused or it fell silent for longer than any queue lifetime.</summary>
    Lost,
}
