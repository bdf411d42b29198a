using Postmeter.Storage.Accounts;
using Postmeter.Storage.Sqlite;
using Postmeter.Storage.Sqlite.Accounts;

namespace Postmeter.Storage.Tests.Accounts;

/// <summary>The account store on a real workspace database.</summary>
public sealed class AccountStoreTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _temp = new();
    private readonly SqliteAccountStore _accounts;

    public AccountStoreTests()
    {
        SqliteWorkspaceStore.Open(_temp.Path("ws")).Dispose();
        _accounts = SqliteAccountStore.Open(_temp.Path("ws"));
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Only_one_first_user_is_added_and_it_is_an_admin()
    {
        var first = _accounts.AddFirstUser("a@example.com", "A", "hash", Now);
        var second = _accounts.AddFirstUser("b@example.com", "B", "hash", Now);

        Assert.Equal(Role.Admin, first?.Role);
        Assert.Null(second);
        Assert.Equal(1, _accounts.CountUsers());
    }

    [Fact]
    public void E_mail_addresses_are_unique_without_regard_to_case()
    {
        _accounts.AddUser("Admin@Example.com", "A", Role.Admin, "hash", Now);

        Assert.Null(_accounts.AddUser("admin@example.COM", "B", Role.Viewer, "hash", Now));
        Assert.Equal("A", _accounts.FindUser("ADMIN@example.com")?.Name);
    }

    [Fact]
    public void A_user_can_not_take_the_address_of_another()
    {
        _accounts.AddUser("a@example.com", "A", Role.Admin, "hash", Now);
        var b = _accounts.AddUser("b@example.com", "B", Role.Viewer, "hash", Now)!;

        Assert.Equal(UserChange.AddressTaken, _accounts.UpdateUser(b with { Email = "a@example.com" }));
        Assert.Equal(UserChange.Done, _accounts.UpdateUser(b with { Name = "Bee", Role = Role.Admin }));
        Assert.Equal(("Bee", Role.Admin), (_accounts.FindUser(b.Id)!.Name, _accounts.FindUser(b.Id)!.Role));
    }

    [Fact]
    public void Deleting_a_user_ends_their_sessions()
    {
        _accounts.AddUser("admin@example.com", "Admin", Role.Admin, "hash", Now);
        var user = _accounts.AddUser("a@example.com", "A", Role.Viewer, "hash", Now)!;
        _accounts.AddSession(new StoredSession("s1", user.Id, [1, 2], Now.AddDays(7)));

        Assert.Equal(UserChange.Done, _accounts.DeleteUser(user.Id));
        Assert.Null(_accounts.FindSession("s1"));
        Assert.Equal(UserChange.NotFound, _accounts.DeleteUser(user.Id));
    }

    [Fact]
    public void Sessions_are_replaced_by_key_and_expired_ones_deleted()
    {
        var user = _accounts.AddUser("a@example.com", "A", Role.Admin, "hash", Now)!;
        Assert.True(_accounts.AddSession(new StoredSession("s1", user.Id, [1], Now.AddDays(1))));
        Assert.False(_accounts.AddSession(new StoredSession("s1", user.Id, [9], Now.AddDays(1))));
        Assert.True(_accounts.RenewSession(new StoredSession("s1", user.Id, [2], Now.AddDays(7))));
        _accounts.AddSession(new StoredSession("old", user.Id, [3], Now.AddDays(-1)));

        Assert.Equal(1, _accounts.DeleteExpiredSessions(Now));
        Assert.Equal([2], _accounts.FindSession("s1")!.Ticket);
        Assert.Equal(1, _accounts.DeleteSessionsOf(user.Id));
    }

    [Fact]
    public void The_last_administrator_is_neither_removed_nor_demoted()
    {
        var only = _accounts.AddUser("a@example.com", "A", Role.Admin, "hash", Now)!;

        Assert.Equal(UserChange.LastAdmin, _accounts.DeleteUser(only.Id));
        Assert.Equal(UserChange.LastAdmin, _accounts.UpdateUser(only with { Role = Role.Viewer }));
        var second = _accounts.AddUser("b@example.com", "B", Role.Admin, "hash", Now)!;
        Assert.Equal(UserChange.Done, _accounts.UpdateUser(only with { Role = Role.Viewer }));
        Assert.Equal(UserChange.LastAdmin, _accounts.DeleteUser(second.Id));
        Assert.Equal(UserChange.NotFound, _accounts.UpdateUser(only with { Id = 999 }));
    }

    [Fact]
    public void A_session_is_renewed_only_for_its_own_user_and_not_after_it_ended()
    {
        var a = _accounts.AddUser("a@example.com", "A", Role.Admin, "hash", Now)!;
        var b = _accounts.AddUser("b@example.com", "B", Role.Viewer, "hash", Now)!;
        _accounts.AddSession(new StoredSession("k", b.Id, [1], Now.AddDays(7)));

        Assert.False(_accounts.RenewSession(new StoredSession("k", a.Id, [2], Now.AddDays(7))));
        Assert.Equal(b.Id, _accounts.FindSession("k")!.UserId);
        _accounts.DeleteSession("k");
        Assert.False(_accounts.RenewSession(new StoredSession("k", b.Id, [3], Now.AddDays(7))));
        Assert.Null(_accounts.FindSession("k"));
    }

    [Fact]
    public void A_token_is_found_by_the_hash_of_its_secret_and_marked_used()
    {
        var added = _accounts.AddToken("prometheus", Role.Viewer, [1, 2, 3], "pm_ab", Now);

        Assert.Null(_accounts.AddToken("prometheus", Role.Admin, [4], "pm_cd", Now));
        Assert.Null(added!.LastUsedAt);
        Assert.Equal(Now.AddHours(1), _accounts.UseToken([1, 2, 3], Now.AddHours(1))?.LastUsedAt);
        Assert.Null(_accounts.UseToken([9], Now));
        Assert.True(_accounts.DeleteToken("prometheus"));
        Assert.Empty(_accounts.ListTokens());
    }

    [Fact]
    public void The_audit_trail_reads_newest_first_in_pages()
    {
        for (var i = 0; i < 5; i++)
        {
            _accounts.Audit(Now.AddMinutes(i), "a@example.com", "192.0.2.1", $"action{i}", null, null);
        }

        var page = _accounts.ReadAudit(2, null);
        var next = _accounts.ReadAudit(2, page[^1].Id);

        Assert.Equal(["action4", "action3"], page.Select(e => e.Action));
        Assert.Equal(["action2", "action1"], next.Select(e => e.Action));
    }

    [Fact]
    public void Text_that_looks_like_sql_is_kept_as_text()
    {
        const string hostile = "x'); DROP TABLE users; --";
        _accounts.AddUser("a@example.com", hostile, Role.Viewer, "hash", Now);

        Assert.Equal(hostile, _accounts.FindUser("a@example.com")?.Name);
        Assert.Null(_accounts.FindUser(hostile));
        Assert.Equal(1, _accounts.CountUsers());
    }

    [Fact]
    public void A_workspace_that_was_never_opened_by_this_version_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<WorkspaceException>(() => SqliteAccountStore.Open(_temp.Path("none")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
