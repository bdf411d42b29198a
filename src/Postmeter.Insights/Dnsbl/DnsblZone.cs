using System.Globalization;
using System.Net;
using System.Reflection;

namespace Postmeter.Insights.Dnsbl;

/// <summary>
/// A DNS blocklist zone and which of its A answers count as a listing (Postfix's <c>zone=127.0.0.[2..11]</c> form:
/// each of the four numbers a value or a [from..to] range, several patterns separated by ';').
/// </summary>
public sealed class DnsblZone
{
    private readonly IReadOnlyList<(int From, int To)[]> _answers;

    private DnsblZone(string name, IReadOnlyList<(int From, int To)[]> answers, string text)
    {
        Name = name;
        _answers = answers;
        Text = text;
    }

    public string Name { get; }

    /// <summary>The zone as written in its list.</summary>
    public string Text { get; }

    /// <summary>The zones shipped with Postmeter (<c>dnsbl-zones.txt</c>).</summary>
    public static IReadOnlyList<DnsblZone> Default { get; } = LoadDefault();

    /// <summary>Whether an answer in 127.0.0.0/8 (and not an error code, <see cref="IsErrorCode"/>) is a listing by this zone.</summary>
    public bool Lists(IPAddress answer)
    {
        var bytes = answer.GetAddressBytes();
        if (bytes.Length != 4 || bytes[0] != 127 || IsErrorCode(answer))
        {
            return false;
        }

        return _answers.Count == 0 || _answers.Any(pattern => pattern.Select((range, i) => bytes[i] >= range.From && bytes[i] <= range.To).All(x => x));
    }

    /// <summary>127.255.255.0/24: a blocklist's way of refusing the query (Spamhaus: open resolver, too many queries), never a listing.</summary>
    public static bool IsErrorCode(IPAddress answer)
    {
        var bytes = answer.GetAddressBytes();
        return bytes.Length == 4 && bytes[0] == 127 && bytes[1] == 255 && bytes[2] == 255;
    }

    /// <summary>Reads a zone list (<c>zone[=answers]</c> per line, '#' comments); a wrong line is reported with its number.</summary>
    public static IReadOnlyList<DnsblZone> Parse(TextReader reader, string sourceName)
    {
        var zones = new List<DnsblZone>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var (name, filter) = text.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (text[..at], text[(at + 1)..]) : (text, null);
            name = name.Trim().TrimEnd('.').ToLowerInvariant();
            if (!IsZoneName(name))
            {
                throw new FormatException($"{sourceName}:{number}: '{name}' is not a DNS zone; expected a name such as zen.spamhaus.org");
            }

            var answers = filter is null ? [] : filter.Split(';').Select(p => Pattern(p.Trim(), sourceName, number)).ToList();
            zones.Add(new DnsblZone(name, answers, text));
        }

        return zones;
    }

    private static (int From, int To)[] Pattern(string text, string sourceName, int number)
    {
        var parts = Octets(text);
        if (parts.Count != 4)
        {
            throw new FormatException($"{sourceName}:{number}: '{text}' is not an answer pattern; expected four numbers such as 127.0.0.2 or 127.0.0.[2..11]");
        }

        return [.. parts.Select(part => Range(part, text, sourceName, number))];
    }

    /// <summary>The text between the dots that are not inside a [from..to] range.</summary>
    private static List<string> Octets(string text)
    {
        var parts = new List<string>();
        var start = 0;
        var inRange = false;
        for (var i = 0; i < text.Length; i++)
        {
            inRange = text[i] switch
            {
                '[' => true,
                ']' => false,
                _ => inRange,
            };
            if (text[i] == '.' && !inRange)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static (int From, int To) Range(string part, string text, string sourceName, int number)
    {
        if (part.StartsWith('[') && part.EndsWith(']') && part[1..^1].Split("..") is [var from, var to]
            && Byte(from) is { } low && Byte(to) is { } high && low <= high)
        {
            return (low, high);
        }

        return Byte(part) is { } value
            ? (value, value)
            : throw new FormatException($"{sourceName}:{number}: '{text}' is not an answer pattern; expected numbers 0 to 255 or ranges such as [2..11]");
    }

    private static int? Byte(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 255 ? value : null;

    private static bool IsZoneName(string name) =>
        name.Length is > 0 and <= 200 && name.Contains('.', StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static IReadOnlyList<DnsblZone> LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Postmeter.Insights.dnsbl-zones.txt")
            ?? throw new InvalidOperationException("The built-in DNSBL zones are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "dnsbl-zones.txt");
    }
}
