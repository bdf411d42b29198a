using System.Security.Cryptography;
using System.Text;

namespace Postmeter.Server.Accounts;

/// <summary>
/// API tokens: <c>pm_</c> and 32 random bytes (base64url), shown once; the workspace keeps only their SHA-256, which
/// is enough (the secret has 256 bits: no dictionary to guess from, so no slow hash is needed).
/// </summary>
internal static class ApiTokens
{
    public const string Prefix = "pm_";

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Why <paramref name="name"/> (trimmed) cannot name a token, or null when it can.</summary>
    public static string? NameProblem(string name) =>
        name.Length is 0 or > 100 || name.Any(char.IsControl) ? "expected a name of 1 to 100 printable characters" : null;

    /// <summary>The start of a secret, to tell tokens apart in a list without revealing them.</summary>
    public static string Hint(string secret) => secret[..Math.Min(secret.Length, Prefix.Length + 4)] + "…";
}
