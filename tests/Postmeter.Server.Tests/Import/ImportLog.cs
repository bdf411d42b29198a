using System.Globalization;
using System.Text.RegularExpressions;

namespace Postmeter.Server.Tests.Import;

/// <summary>Reads what an import's log says it did.</summary>
internal static partial class ImportLog
{
    /// <summary>The N of "imported N lines" in an import's log.</summary>
    public static long LinesImported(string log)
    {
        var match = ImportedLines().Match(log);
        Assert.True(match.Success, log);
        return long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"imported ([\d,]+) lines")]
    private static partial Regex ImportedLines();
}
