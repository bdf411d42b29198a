namespace Postmeter.Storage.Accounts;

/// <summary>A person who signs in to the web application.</summary>
/// <param name="PasswordHash">The hasher's output (algorithm, salt and iterations included); never the password.</param>
/// <param name="SecurityStamp">Changes with the password or e-mail: sessions issued before no longer count.</param>
public sealed record UserAccount(
    long Id, string Email, string Name, Role Role, string PasswordHash, string SecurityStamp, DateTime CreatedAt, DateTime UpdatedAt)
{
    // The hash and stamp stay out of logs and exception texts.
    public override string ToString() => $"{Name} <{Email}> ({Role})";
}
