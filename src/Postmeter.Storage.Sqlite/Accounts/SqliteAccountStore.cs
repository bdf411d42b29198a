using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmeter.Storage.Accounts;
using Postmeter.Storage.Detective;
using static Postmeter.Storage.Sqlite.PooledDatabase;

namespace Postmeter.Storage.Sqlite.Accounts;

/// <summary>
/// Accounts in the workspace database, on pooled connections of their own: every call is one short transaction, so
/// web requests run side by side and wait at most for one import commit (the busy timeout covers it).
/// </summary>
public sealed class SqliteAccountStore : IAccountStore, IEscalationStore
{
    private const string UserColumns = "id, email, name, role, password_hash, security_stamp, created_at, updated_at";
    private const string TokenColumns = "id, name, role, hint, created_at, last_used_at";

    private readonly PooledDatabase _database;

    private SqliteAccountStore(PooledDatabase database) => _database = database;

    /// <summary>
    /// The accounts of a workspace whose schema is current (an owner opened it once with this version). Needs no
    /// workspace lock: the account commands work while a server owns the workspace.
    /// </summary>
    /// <exception cref="WorkspaceException">No workspace there, or one this version must first upgrade.</exception>
    public static SqliteAccountStore Open(string workspaceDirectory) => new(PooledDatabase.OpenCurrent(workspaceDirectory, "accounts"));

    public int CountUsers() => _database.Run(c => Convert.ToInt32(Scalar(c, "SELECT count(*) FROM users"), CultureInfo.InvariantCulture));

    public IReadOnlyList<UserAccount> ListUsers() => _database.Run(c => ReadAll(Command(c, $"SELECT {UserColumns} FROM users ORDER BY id"), ReadUser));

    public UserAccount? FindUser(string email) =>
        _database.Run(c => ReadAll(Command(c, $"SELECT {UserColumns} FROM users WHERE email = $email", ("$email", email)), ReadUser).FirstOrDefault());

    public UserAccount? FindUser(long id) =>
        _database.Run(c => ReadAll(Command(c, $"SELECT {UserColumns} FROM users WHERE id = $id", ("$id", id)), ReadUser).FirstOrDefault());

    public UserAccount? AddUser(string email, string name, Role role, string passwordHash, DateTime now) =>
        _database.Run(c => InsertUser(c, email, name, role, passwordHash, now, onlyIfNone: false));

    public UserAccount? AddFirstUser(string email, string name, string passwordHash, DateTime now) =>
        _database.Run(c => InsertUser(c, email, name, Role.Admin, passwordHash, now, onlyIfNone: true));

    public UserChange UpdateUser(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _database.Run(c =>
        {
            try
            {
                var changed = Command(c,
                    """
                    UPDATE users SET email = $email, name = $name, role = $role, password_hash = $hash, security_stamp = $stamp, updated_at = $updated
                    WHERE id = $id AND ($role = 'admin' OR role <> 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)
                    """,
                    ("$id", user.Id), ("$email", user.Email), ("$name", user.Name), ("$role", RoleText(user.Role)), ("$hash", user.PasswordHash),
                    ("$stamp", user.SecurityStamp), ("$updated", user.UpdatedAt.Ticks)).ExecuteNonQuery();
                return changed == 1 ? UserChange.Done : Exists(c, user.Id) ? UserChange.LastAdmin : UserChange.NotFound;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                return UserChange.AddressTaken;
            }
        });
    }

    public UserChange DeleteUser(long id) => _database.Run(c =>
    {
        var deleted = Command(c,
            "DELETE FROM users WHERE id = $id AND (role <> 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)",
            ("$id", id)).ExecuteNonQuery();
        if (deleted == 1)
        {
            Command(c, "DELETE FROM sessions WHERE user_id = $id", ("$id", id)).ExecuteNonQuery();
        }

        // Its sessions go after it (a session of a user who is gone is refused anyway).
        return deleted == 1 ? UserChange.Done : Exists(c, id) ? UserChange.LastAdmin : UserChange.NotFound;
    });

    public ApiToken? AddToken(string name, Role role, byte[] secretHash, string hint, DateTime now) => _database.Run(c =>
    {
        try
        {
            return ReadAll(Command(c,
                $"INSERT INTO api_tokens (name, role, secret_hash, hint, created_at) VALUES ($name, $role, $hash, $hint, $now) RETURNING {TokenColumns}",
                ("$name", name), ("$role", RoleText(role)), ("$hash", secretHash), ("$hint", hint), ("$now", now.Ticks)), ReadToken).Single();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return null;
        }
    });

    public ApiToken? UseToken(byte[] secretHash, DateTime now) => _database.Run(c => ReadAll(Command(c,
        $"UPDATE api_tokens SET last_used_at = $now WHERE secret_hash = $hash RETURNING {TokenColumns}",
        ("$hash", secretHash), ("$now", now.Ticks)), ReadToken).FirstOrDefault());

    public IReadOnlyList<ApiToken> ListTokens() => _database.Run(c => ReadAll(Command(c, $"SELECT {TokenColumns} FROM api_tokens ORDER BY name"), ReadToken));

    public bool DeleteToken(string name) => _database.Run(c => Command(c, "DELETE FROM api_tokens WHERE name = $name", ("$name", name)).ExecuteNonQuery() == 1);

    public bool AddSession(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _database.Run(c => Command(c,
            "INSERT INTO sessions (key, user_id, ticket, expires_at) VALUES ($key, $user, $ticket, $expires) ON CONFLICT (key) DO NOTHING",
            ("$key", session.Key), ("$user", session.UserId), ("$ticket", session.Ticket), ("$expires", session.ExpiresAt.Ticks)).ExecuteNonQuery() == 1);
    }

    public bool RenewSession(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _database.Run(c => Command(c,
            "UPDATE sessions SET ticket = $ticket, expires_at = $expires WHERE key = $key AND user_id = $user",
            ("$key", session.Key), ("$user", session.UserId), ("$ticket", session.Ticket), ("$expires", session.ExpiresAt.Ticks)).ExecuteNonQuery() == 1);
    }

    public StoredSession? FindSession(string key) => _database.Run(c => ReadAll(
        Command(c, "SELECT key, user_id, ticket, expires_at FROM sessions WHERE key = $key", ("$key", key)),
        r => new StoredSession(r.GetString(0), r.GetInt64(1), (byte[])r.GetValue(2), Time(r, 3))).FirstOrDefault());

    public void DeleteSession(string key) => _database.Run(c => Command(c, "DELETE FROM sessions WHERE key = $key", ("$key", key)).ExecuteNonQuery());

    public int DeleteSessionsOf(long userId) => _database.Run(c => Command(c, "DELETE FROM sessions WHERE user_id = $id", ("$id", userId)).ExecuteNonQuery());

    public int DeleteExpiredSessions(DateTime now) =>
        _database.Run(c => Command(c, "DELETE FROM sessions WHERE expires_at < $now", ("$now", now.Ticks)).ExecuteNonQuery());

    public void Audit(DateTime time, string actor, string? clientAddress, string action, string? target, string? detail) => _database.Run(c => Command(c,
        "INSERT INTO audit_log (time, actor, client_ip, action, target, detail) VALUES ($time, $actor, $ip, $action, $target, $detail)",
        ("$time", time.Ticks), ("$actor", actor), ("$ip", clientAddress), ("$action", action), ("$target", target), ("$detail", detail)).ExecuteNonQuery());

    public IReadOnlyList<AuditEntry> ReadAudit(int limit, long? beforeId) => _database.Run(c => ReadAll(Command(c,
        "SELECT id, time, actor, client_ip, action, target, detail FROM audit_log WHERE id < $before ORDER BY id DESC LIMIT $limit",
        ("$before", beforeId ?? long.MaxValue), ("$limit", limit)),
        r => new AuditEntry(r.GetInt64(0), Time(r, 1), r.GetString(2), Text(r, 3), r.GetString(4), Text(r, 5), Text(r, 6))));

    public Escalation AddEscalation(Escalation escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var id = _database.Run(c => (long)Command(c,
            "INSERT INTO escalations (time, requester, client_address, terms, result_ids) VALUES ($time, $requester, $client, $terms, $ids) RETURNING id",
            ("$time", escalation.Time.Ticks), ("$requester", escalation.Requester), ("$client", escalation.ClientAddress), ("$terms", escalation.Terms),
            ("$ids", JsonSerializer.Serialize(escalation.ResultIds))).ExecuteScalar()!);
        return escalation with { Id = id };
    }

    public IReadOnlyList<Escalation> ReadEscalations(int limit, long? beforeId) => _database.Run(c => ReadAll(Command(c,
        "SELECT id, time, requester, client_address, terms, result_ids FROM escalations WHERE id < $before ORDER BY id DESC LIMIT $limit",
        ("$before", beforeId ?? long.MaxValue), ("$limit", limit)),
        r => new Escalation(r.GetInt64(0), Time(r, 1), r.GetString(2), Text(r, 3), r.GetString(4),
            JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? throw new InvalidDataException("an escalation's result ids are not a JSON array"))));

    public string? GetSetting(string key) => _database.Run(c => SettingsTable.Get(c, key));

    public void SetSetting(string key, string value) => _database.Run(c =>
    {
        SettingsTable.Set(c, key, value);
        return 0;
    });

    public void Dispose() => _database.Dispose();

    private static bool Exists(SqliteConnection c, long id)
    {
        using var command = Command(c, "SELECT count(*) FROM users WHERE id = $id", ("$id", id));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static UserAccount? InsertUser(SqliteConnection c, string email, string name, Role role, string hash, DateTime now, bool onlyIfNone)
    {
        var guard = onlyIfNone ? "WHERE NOT EXISTS (SELECT 1 FROM users)" : string.Empty;
        try
        {
            return ReadAll(Command(c,
                $"""
                INSERT INTO users (email, name, role, password_hash, security_stamp, created_at, updated_at)
                SELECT $email, $name, $role, $hash, $stamp, $now, $now {guard}
                RETURNING {UserColumns}
                """,
                ("$email", email), ("$name", name), ("$role", RoleText(role)), ("$hash", hash), ("$stamp", Guid.NewGuid().ToString("N")),
                ("$now", now.Ticks)), ReadUser).FirstOrDefault();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return null;
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        return command.ExecuteScalar();
    }

    private static UserAccount ReadUser(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), ParseRole(r.GetString(3)), r.GetString(4), r.GetString(5), Time(r, 6), Time(r, 7));

    private static ApiToken ReadToken(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), ParseRole(r.GetString(2)), r.GetString(3), Time(r, 4), r.IsDBNull(5) ? null : Time(r, 5));

    private static string RoleText(Role role) => role == Role.Admin ? "admin" : "viewer";

    private static Role ParseRole(string text) => text switch
    {
        "admin" => Role.Admin,
        "viewer" => Role.Viewer,
        _ => throw new InvalidDataException($"users.role holds '{text}'; expected admin or viewer"),
    };
}
