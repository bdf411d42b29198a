namespace Postmeter.Server.Accounts;

/// <summary>
/// How strong a password must be: zxcvbn's score of at least 3 of 4 (guessing it takes more than about 10^8 tries),
/// counting the user's own e-mail address and name as words an attacker tries first.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinimumScore = 3;

    private const int MaximumLength = 1024;

    // zxcvbn's matching grows exponentially with some characters (its l33t table), so it judges the start only: a
    // password strong in its first 64 characters is strong.
    private const int EvaluatedLength = 64;

    /// <summary>Why the password is refused, or null when it is strong enough. The reason never quotes the password.</summary>
    public static string? Problem(string password, string email, string name)
    {
        if (password.Length == 0)
        {
            return "password: empty; expected a password of several unrelated words or random characters";
        }

        if (password.Length > MaximumLength)
        {
            return $"password: longer than {MaximumLength} characters";
        }

        var result = new Zxcvbn.Zxcvbn().EvaluatePassword(password.Length > EvaluatedLength ? password[..EvaluatedLength] : password, UserWords(email, name));
        if (result.Score >= MinimumScore)
        {
            return null;
        }

        var kinds = result.MatchSequence
            .Select(m => m.Pattern)
            .Where(p => p is not null && p != "bruteforce")
            .Distinct(StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
        var parts = kinds.Count > 0 ? $"; it is made of guessable parts ({string.Join(", ", kinds)})" : string.Empty;
        return $"password: too weak (strength {result.Score} of 4, at least {MinimumScore} needed; time to guess it: {result.CrackTimeDisplay}){parts}; "
            + "expected a longer password of unrelated words or random characters";
    }

    private static string[] UserWords(string email, string name) =>
        [email, .. email.Split('@', '.', '-', '_', '+'), name, .. name.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static string Describe(string pattern) => pattern switch
    {
        "dictionary" => "a common word or name, or your e-mail address or name",
        "spatial" => "a keyboard pattern",
        "repeat" => "repeated characters",
        "sequence" => "a sequence such as abc or 123",
        "digits" => "digits",
        "year" => "a year",
        "date" => "a date",
        _ => pattern,
    };
}
