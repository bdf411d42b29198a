using System.Globalization;

namespace Postmeter.Core.Export;

/// <summary>ISO 8601 UTC with only as many fractional digits as the log had: <c>2026-11-21T22:29:56Z</c>, <c>…56.5724Z</c>.</summary>
public static class IsoTime
{
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
