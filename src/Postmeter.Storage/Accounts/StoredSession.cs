namespace Postmeter.Storage.Accounts;

/// <summary>A signed-in browser session, kept on the server so that signing out or a password change ends it.</summary>
/// <param name="Ticket">The session's protected content (the web host's serialised ticket).</param>
public sealed record StoredSession(string Key, long UserId, byte[] Ticket, DateTime ExpiresAt)
{
    // The key is a credential: it stays out of logs and exception texts.
    public override string ToString() => $"session of user {UserId} until {ExpiresAt:O}";
}
