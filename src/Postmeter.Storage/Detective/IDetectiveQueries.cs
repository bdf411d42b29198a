namespace Postmeter.Storage.Detective;

/// <summary>The Message Detective's questions to a workspace: stored messages and rejects, and the mail still in flight.</summary>
public interface IDetectiveQueries
{
    /// <summary>One page of what matches, newest first: the messages in flight at the last commit, then the stored messages and rejects.</summary>
    DetectivePage Search(DetectiveQuery query);

    /// <summary>A message or reject by its <see cref="FoundMessage.Id"/> or <see cref="FoundReject.Id"/>; null when there is none (any more).</summary>
    DetectiveResult? Find(string id);

    /// <summary>The log lines of a message or reject, in order; empty when none were kept.</summary>
    IReadOnlyList<string> ReadLog(string id);
}
