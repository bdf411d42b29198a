namespace Postmeter.Storage.Detective;

/// <summary>
/// Someone asked the admin to look into mail the detective showed as not delivered: who (a user's e-mail address, or
/// <c>public</c>), from where, when, what they searched for, and which messages and rejects it found.
/// </summary>
public sealed record Escalation(long Id, DateTime Time, string Requester, string? ClientAddress, string Terms, IReadOnlyList<string> ResultIds);

/// <summary>Where escalations are kept for the insights engine.</summary>
public interface IEscalationStore
{
    /// <summary>Stores an escalation; returns it with its id.</summary>
    Escalation AddEscalation(Escalation escalation);

    /// <summary>The newest escalations, before <paramref name="beforeId"/> when given.</summary>
    IReadOnlyList<Escalation> ReadEscalations(int limit, long? beforeId);
}
