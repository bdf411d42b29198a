using System.Text;

namespace Postmeter.Core.Reporting;

/// <summary>Shortens a server reply so that the same reason from different messages groups together.</summary>
public static class ReasonText
{
    private const int MaxLength = 120;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(no reason given)";
        }

        var sb = new StringBuilder(Math.Min(text.Length, MaxLength + 8));
        var i = 0;
        while (i < text.Length && sb.Length < MaxLength)
        {
            var c = text[i];
            if (c == '<')
            {
                var close = text.IndexOf('>', i);
                if (close > i && close - i < 256)
                {
                    sb.Append(text.AsSpan(i, close - i).Contains('@') ? "<address>" : text.AsSpan(i, close - i + 1));
                    i = close + 1;
                    continue;
                }
            }

            if (char.IsAsciiHexDigit(c))
            {
                var end = i;
                var digits = 0;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '.' || text[end] == '-'))
                {
                    digits += char.IsAsciiDigit(text[end]) ? 1 : 0;
                    end++;
                }

                // Long runs with many digits are ids and timestamps, not words.
                if (end - i >= 8 && digits >= 4)
                {
                    sb.Append('…');
                    i = end;
                    continue;
                }
            }

            sb.Append(c);
            i++;
        }

        if (i < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
