using Postmeter.Server.Web;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>
/// Makes the administrator of <c>-registered_user_*</c> exist at start: registered when nobody is; otherwise the first
/// user takes its e-mail address, name and password (sessions end only when the address or the password changed).
/// </summary>
internal static class RegisteredUserProvisioning
{
    public static void Apply(IAccountStore accounts, RegisteredUser wanted, PasswordHashing hashing, AuditTrail audit, DateTime now)
    {
        if (accounts.CountUsers() == 0 && accounts.AddFirstUser(wanted.Email, wanted.Name, hashing.Hash(wanted.Password), now) is { } added)
        {
            audit.Record(AuditTrail.CommandLine, null, "register", added.Email, "-registered_user_email");
            return;
        }

        var first = accounts.ListUsers()[0];
        var samePassword = hashing.Verify(first, wanted.Password, out _);
        var sameEmail = string.Equals(first.Email, wanted.Email, StringComparison.OrdinalIgnoreCase);
        if (samePassword && sameEmail && first.Name == wanted.Name && first.Role == Role.Admin)
        {
            return;
        }

        var changed = first with
        {
            Email = wanted.Email,
            Name = wanted.Name,
            Role = Role.Admin,
            PasswordHash = samePassword ? first.PasswordHash : hashing.Hash(wanted.Password),
            SecurityStamp = samePassword && sameEmail ? first.SecurityStamp : Guid.NewGuid().ToString("N"),
            UpdatedAt = now,
        };
        if (accounts.UpdateUser(changed) != UserChange.Done)
        {
            throw new Cli.UsageException($"-registered_user_email: {wanted.Email} belongs to another user already");
        }

        if (!samePassword || !sameEmail)
        {
            accounts.DeleteSessionsOf(first.Id);
        }

        audit.Record(AuditTrail.CommandLine, null, "user changed", changed.Email, "-registered_user_email");
    }
}
