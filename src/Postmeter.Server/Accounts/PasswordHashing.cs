using Microsoft.AspNetCore.Identity;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>Passwords hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512, 100 000 iterations, random salt).</summary>
internal sealed class PasswordHashing
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    // Checked against when the e-mail address is unknown, so a wrong address takes as long as a wrong password. Made at
    // the first sign-in, not with every hasher: the commands that only hash would pay a whole PBKDF2 run for nothing.
    private readonly Lazy<string> _decoy;

    public PasswordHashing() => _decoy = new Lazy<string>(() => _hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>Whether the password is the user's; <paramref name="rehashed"/> is a stronger hash to store when the old one is weaker than today's.</summary>
    public bool Verify(UserAccount? user, string password, out string? rehashed)
    {
        rehashed = null;
        var result = _hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? _decoy.Value, password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            rehashed = Hash(password);
        }

        return true;
    }
}
