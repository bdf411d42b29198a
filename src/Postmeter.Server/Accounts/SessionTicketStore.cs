using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>
/// Keeps browser sessions in the workspace: the cookie carries only a random key (protected by the data-protection
/// keys), so signing out, a password change or a removed user ends a session for good, and sessions survive a restart.
/// </summary>
internal sealed class SessionTicketStore(IAccountStore accounts, TimeProvider clock) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        string key;
        do
        {
            key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }
        while (!accounts.AddSession(Session(key, ticket)));

        return Task.FromResult(key);
    }

    /// <summary>
    /// Renews only the same user's session that still exists: a renewal that comes after a sign-out does not bring
    /// the session back, and a key never passes to another user.
    /// </summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        accounts.RenewSession(Session(key, ticket));
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var session = accounts.FindSession(key);
        if (session is null || session.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return Task.FromResult<AuthenticationTicket?>(null);
        }

        return Task.FromResult(TicketSerializer.Default.Deserialize(session.Ticket));
    }

    public Task RemoveAsync(string key)
    {
        accounts.DeleteSession(key);
        return Task.CompletedTask;
    }

    private StoredSession Session(string key, AuthenticationTicket ticket)
    {
        var userId = long.Parse(
            ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session without a user."),
            System.Globalization.CultureInfo.InvariantCulture);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime + AuthenticationSetup.SessionLifetime;
        return new StoredSession(key, userId, TicketSerializer.Default.Serialize(ticket), expires);
    }
}
