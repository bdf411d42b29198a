namespace Postmeter.Core.Classification;

/// <summary>One line of the fingerprint file.</summary>
public sealed record FingerprintRule(string Category, string? Provider, string Dsn, string[] Needles)
{
    private readonly string[] _loweredNeedles = [.. Needles.Select(n => n.ToLowerInvariant())];
    private readonly string? _dsnPrefix = Dsn.EndsWith('*') ? Dsn[..^1] : null;

    /// <summary>Whether the rule matches; <paramref name="loweredText"/> is the reply in lower case.</summary>
    public bool Matches(string? dsn, string? loweredText)
    {
        if (!DsnMatches(dsn))
        {
            return false;
        }

        foreach (var needle in _loweredNeedles)
        {
            if (loweredText is null || !loweredText.Contains(needle, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private bool DsnMatches(string? dsn)
    {
        if (_dsnPrefix is not null)
        {
            return _dsnPrefix.Length == 0 || (dsn is not null && dsn.StartsWith(_dsnPrefix, StringComparison.Ordinal));
        }

        return dsn == Dsn;
    }
}
