namespace Postmeter.Storage.Accounts;

/// <summary>
/// Users, API tokens, sessions and the audit trail of a workspace. Safe to call from many threads at once (every
/// call is its own short transaction), and usable beside a running import.
/// </summary>
public interface IAccountStore : IDisposable
{
    int CountUsers();

    IReadOnlyList<UserAccount> ListUsers();

    /// <summary>The user with this e-mail address, compared without regard to case; null if none.</summary>
    UserAccount? FindUser(string email);

    UserAccount? FindUser(long id);

    /// <summary>Adds a user; null when the e-mail address is taken.</summary>
    UserAccount? AddUser(string email, string name, Role role, string passwordHash, DateTime now);

    /// <summary>
    /// Adds the first user, only while there is none: two registrations at once cannot both become the first
    /// administrator. Null when a user exists.
    /// </summary>
    UserAccount? AddFirstUser(string email, string name, string passwordHash, DateTime now);

    /// <summary>
    /// Replaces a user's fields (the id stays), in one statement that also refuses to demote the last administrator
    /// (so two requests at once cannot both do it).
    /// </summary>
    UserChange UpdateUser(UserAccount user);

    /// <summary>Deletes a user and their sessions; never the last administrator (checked in the same statement).</summary>
    UserChange DeleteUser(long id);

    /// <summary>Adds a token by the hash of its secret; null when the name is taken.</summary>
    ApiToken? AddToken(string name, Role role, byte[] secretHash, string hint, DateTime now);

    /// <summary>The token whose secret has this hash, marked as used now; null if none.</summary>
    ApiToken? UseToken(byte[] secretHash, DateTime now);

    IReadOnlyList<ApiToken> ListTokens();

    bool DeleteToken(string name);

    /// <summary>Stores a new session under a key nobody holds; false when the key exists already.</summary>
    bool AddSession(StoredSession session);

    /// <summary>
    /// Renews a session that still exists for the same user; false otherwise (signed out meanwhile, or the key belongs
    /// to another user's session), and nothing is written.
    /// </summary>
    bool RenewSession(StoredSession session);

    StoredSession? FindSession(string key);

    void DeleteSession(string key);

    /// <summary>Ends every session of a user (password or e-mail changed, user removed).</summary>
    int DeleteSessionsOf(long userId);

    /// <summary>Deletes the sessions that expired before <paramref name="now"/>.</summary>
    int DeleteExpiredSessions(DateTime now);

    void Audit(DateTime time, string actor, string? clientAddress, string action, string? target, string? detail);

    /// <summary>The newest entries first, those before <paramref name="beforeId"/> when given.</summary>
    IReadOnlyList<AuditEntry> ReadAudit(int limit, long? beforeId);

    string? GetSetting(string key);

    void SetSetting(string key, string value);
}
