using System.Reflection;

namespace Postmeter.Core.Classification;

/// <summary>
/// Classifies failed deliveries by their enhanced status code and reply text, with rules kept in an editable data
/// file (<c>failure-fingerprints.txt</c>). The first matching rule wins.
/// </summary>
public sealed class FailureClassifier
{
    private readonly FingerprintRule[] _rules;

    public FailureClassifier(IEnumerable<FingerprintRule> rules) => _rules = [.. rules];

    public IReadOnlyList<FingerprintRule> Rules => _rules;

    /// <summary>The rules shipped with Postmeter.</summary>
    public static FailureClassifier Default { get; } = LoadDefault();

    public FailureClass Classify(string? dsn, string? text)
    {
        // Lower-case the reply once, so each rule is a plain ordinal search (invariant-mode ignore-case search is slow).
        var lowered = text?.ToLowerInvariant();
        foreach (var rule in _rules)
        {
            if (rule.Matches(dsn, lowered))
            {
                return new FailureClass(rule.Category, rule.Provider);
            }
        }

        return new FailureClass("other", null);
    }

    /// <summary>Parses a rules file; an invalid line is reported with its number.</summary>
    public static FailureClassifier Parse(TextReader reader, string sourceName)
    {
        var rules = new List<FingerprintRule>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var parts = trimmed.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 4 || parts.Any(p => p.Length == 0))
            {
                throw new FormatException($"{sourceName}:{number}: expected 'category | provider | dsn | text', found '{trimmed}'");
            }

            rules.Add(new FingerprintRule(parts[0], parts[1] == "-" ? null : parts[1], parts[2], parts[3] == "*" ? [] : parts[3].Split("&&", StringSplitOptions.TrimEntries)));
        }

        return new FailureClassifier(rules);
    }

    private static FailureClassifier LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Postmeter.Core.failure-fingerprints.txt")
            ?? throw new InvalidOperationException("The built-in failure fingerprints are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "failure-fingerprints.txt");
    }
}
