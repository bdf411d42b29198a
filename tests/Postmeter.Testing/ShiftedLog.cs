using System.Globalization;
using System.Text;

namespace Postmeter.Testing;

/// <summary>
/// A real Postfix log (classic <c>Mmm dd hh:mm:ss</c> syslog times) with every time moved by the same amount, so that
/// its last line is at a given moment: a run recorded once that a server reads as mail of the last minutes.
/// Nothing but the time stamps changes.
/// </summary>
public static class ShiftedLog
{
    private const string Format = "MMM dd HH:mm:ss";

    /// <summary>The lines of <paramref name="path"/>, shifted so that the last ends at <paramref name="lastLine"/> (UTC).</summary>
    public static byte[] Ending(string path, DateTime lastLine)
    {
        var lines = File.ReadAllLines(path);
        var year = lastLine.Year;
        var last = Parse(lines[^1], year);
        var shift = lastLine - last;
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            var moved = Parse(line, year) + shift;
            text.Append(moved.ToString(Format, CultureInfo.InvariantCulture)).Append(line.AsSpan(Format.Length)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static DateTime Parse(string line, int year) =>
        DateTime.ParseExact($"{year} {line[..Format.Length].Replace("  ", " 0", StringComparison.Ordinal)}", "yyyy " + Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
