using System.Reflection;

namespace Postmeter.Core.Classification;

/// <summary>
/// Maps a recipient domain to the mailbox provider behind it (google, microsoft, yahoo…) for the dashboards, with
/// rules kept in an editable data file (<c>provider-groups.txt</c>): a whole domain, or a name under any country or
/// generic top-level domain (<c>hotmail.*</c>). Anything else is <see cref="Other"/>.
/// </summary>
public sealed class ProviderGroups
{
    /// <summary>The group of a domain no rule names.</summary>
    public const string Other = "other";

    /// <summary>Second-level labels under which a country registers names (hotmail.co.uk, yahoo.co.jp, outlook.com.br).</summary>
    private static readonly HashSet<string> SecondLevels = new(["co", "com", "net", "org", "ne", "or", "ac", "gen"], StringComparer.Ordinal);

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _anyTld;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _secondLevels = SecondLevels.GetAlternateLookup<ReadOnlySpan<char>>();

    private ProviderGroups(Dictionary<string, string> exact, Dictionary<string, string> anyTld)
    {
        _exact = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _anyTld = anyTld.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The rules shipped with Postmeter.</summary>
    public static ProviderGroups Default { get; } = LoadDefault();

    /// <summary>The group of <paramref name="domain"/> by the shipped rules.</summary>
    public static string Of(ReadOnlySpan<char> domain) => Default.GroupOf(domain);

    /// <summary>The group of <paramref name="domain"/> (any case, a trailing dot allowed); <see cref="Other"/> when no rule names it.</summary>
    public string GroupOf(ReadOnlySpan<char> domain)
    {
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1];
        }

        if (domain.IsEmpty)
        {
            return Other;
        }

        if (_exact.TryGetValue(domain, out var group))
        {
            return group;
        }

        var last = domain.LastIndexOf('.');
        if (last <= 0)
        {
            return Other;
        }

        var name = domain[..last];
        if (_anyTld.TryGetValue(name, out group))
        {
            return group;
        }

        var second = name.LastIndexOf('.');
        if (second > 0 && _secondLevels.Contains(name[(second + 1)..]) && _anyTld.TryGetValue(name[..second], out group))
        {
            return group;
        }

        return Other;
    }

    /// <summary>The whole domains the rules put in <paramref name="group"/>.</summary>
    public IReadOnlyList<string> DomainsOf(string group) =>
        [.. _exact.Dictionary.Where(rule => rule.Value == group).Select(rule => rule.Key).Order(StringComparer.Ordinal)];

    /// <summary>The names the rules put in <paramref name="group"/> under any top-level domain (<c>hotmail</c> of <c>hotmail.*</c>).</summary>
    public IReadOnlyList<string> NamesUnderAnyTopLevelOf(string group) =>
        [.. _anyTld.Dictionary.Where(rule => rule.Value == group).Select(rule => rule.Key).Order(StringComparer.Ordinal)];

    /// <summary>Parses a rules file (<c>group domain-pattern</c> per line); an invalid line is reported with its number.</summary>
    public static ProviderGroups Parse(TextReader reader, string sourceName) => Parse(reader, sourceName, null);

    /// <summary>
    /// <see cref="Parse(TextReader, string)"/> on top of <paramref name="basedOn"/>'s rules: the file adds domains and
    /// moves a domain of <paramref name="basedOn"/> to another group (an admin's own copy extends the shipped rules).
    /// </summary>
    public static ProviderGroups Parse(TextReader reader, string sourceName, ProviderGroups? basedOn)
    {
        var exact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var anyTld = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var inherited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (basedOn is not null)
        {
            foreach (var (pattern, group) in basedOn._exact.Dictionary)
            {
                exact[pattern] = group;
                inherited.Add(pattern);
            }

            foreach (var (pattern, group) in basedOn._anyTld.Dictionary)
            {
                anyTld[pattern] = group;
                inherited.Add(pattern + ".*");
            }
        }

        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var parts = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"{sourceName}:{number}: expected 'group domain-pattern', found '{trimmed}'");
            }

            var (group, pattern) = (parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant());
            var target = exact;
            if (pattern.EndsWith(".*", StringComparison.Ordinal))
            {
                pattern = pattern[..^2];
                target = anyTld;
            }

            if (!IsDomainName(pattern) || (target == exact && !pattern.Contains('.', StringComparison.Ordinal)))
            {
                throw new FormatException($"{sourceName}:{number}: '{parts[1]}' is not a domain pattern; expected a domain (gmail.com) or a name followed by .* (hotmail.*)");
            }

            if (inherited.Remove(target == exact ? pattern : pattern + ".*"))
            {
                target[pattern] = group;
            }
            else if (!target.TryAdd(pattern, group) && target[pattern] != group)
            {
                throw new FormatException($"{sourceName}:{number}: '{parts[1]}' is already in group '{target[pattern]}'");
            }
        }

        return new ProviderGroups(exact, anyTld);
    }

    private static bool IsDomainName(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[^1] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || c > 127))
            {
                return false;
            }
        }

        return true;
    }

    private static ProviderGroups LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Postmeter.Core.provider-groups.txt")
            ?? throw new InvalidOperationException("The built-in provider groups are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "provider-groups.txt");
    }
}
