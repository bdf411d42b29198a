using Postmeter.Server.Accounts;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Cli;

/// <summary>Changes to a user made on the command line, each checked, audited, and ending the user's sessions where it must.</summary>
internal static class AccountChanges
{
    public static void SetPassword(IAccountStore accounts, UserAccount user, string password, DateTime now)
    {
        if (PasswordPolicy.Problem(password, user.Email, user.Name) is { } weak)
        {
            throw new UsageException(weak);
        }

        Replace(accounts, user with { PasswordHash = new PasswordHashing().Hash(password) }, now, "password set");
    }

    /// <summary>Stores the changed user with a new security stamp (sessions issued before no longer count) and ends their sessions.</summary>
    public static void Replace(IAccountStore accounts, UserAccount changed, DateTime now, string action)
    {
        switch (accounts.UpdateUser(changed with { SecurityStamp = Guid.NewGuid().ToString("N"), UpdatedAt = now }))
        {
            case UserChange.AddressTaken:
                throw new UsageException($"{changed.Email} is registered to another user already");
            case UserChange.NotFound:
                throw new UsageException($"{changed.Email}: the user was removed meanwhile");
            case UserChange.LastAdmin:
                throw new UsageException($"{changed.Email} is the only administrator");
        }

        accounts.DeleteSessionsOf(changed.Id);
        accounts.Audit(now, AuditTrail.CommandLine, null, action, changed.Email, null);
    }
}
