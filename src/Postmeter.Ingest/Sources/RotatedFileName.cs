namespace Postmeter.Ingest.Sources;

/// <summary>What a file name says about its place in a pattern's rotation set.</summary>
/// <param name="Order">N for <see cref="RotationKind.Numbered"/>; the stamp as the number YYYYMMDDhhmmss for
/// <see cref="RotationKind.Dated"/>; 0 for <see cref="RotationKind.Current"/>.</param>
/// <param name="Compression">What the name's extension claims; the opener decides by content anyway.</param>
internal readonly record struct RotatedFileName(RotationKind Kind, long Order, CompressionSuffix Compression)
{
    /// <summary>
    /// Recognises <c>pattern</c>, <c>pattern.N</c>, <c>pattern-YYYYMMDD</c>, <c>pattern-YYYYMMDDHH</c> (logrotate's
    /// hourly <c>dateext</c>), <c>pattern.YYYYMMDD</c> and <c>pattern.YYYYMMDD-HHMMSS</c> (<c>postfix logrotate</c>),
    /// each archive optionally followed by <c>.gz</c> or <c>.bz2</c>. The pattern is a literal name. Anything else
    /// (<c>maillog.processed</c>, <c>mail.log.swp</c>, <c>mail.log.gz</c>) is not part of the set.
    /// </summary>
    public static bool TryParse(string fileName, string pattern, out RotatedFileName name)
    {
        name = default;
        if (!fileName.StartsWith(pattern, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = fileName.AsSpan(pattern.Length);
        if (suffix.IsEmpty)
        {
            name = new RotatedFileName(RotationKind.Current, 0, CompressionSuffix.None);
            return true;
        }

        var compression = CompressionSuffix.None;
        if (suffix.EndsWith(".gz", StringComparison.Ordinal))
        {
            compression = CompressionSuffix.Gzip;
            suffix = suffix[..^3];
        }
        else if (suffix.EndsWith(".bz2", StringComparison.Ordinal))
        {
            compression = CompressionSuffix.BZip2;
            suffix = suffix[..^4];
        }

        if (suffix.Length < 2)
        {
            return false;
        }

        var separator = suffix[0];
        var stamp = suffix[1..];
        if (separator == '.' && TryParseNumber(stamp, out var number))
        {
            // dateext with "dateformat .%Y%m%d" looks numeric; no one keeps twenty million numbered rotations.
            name = stamp.Length == 8 && TryParseStamp(stamp, out var date)
                ? new RotatedFileName(RotationKind.Dated, date, compression)
                : new RotatedFileName(RotationKind.Numbered, number, compression);
            return true;
        }

        var dated = separator switch
        {
            '-' => stamp.Length is 8 or 10 && TryParseStamp(stamp, out var value) ? value : -1,
            '.' => stamp.Length == 15 && stamp[8] == '-' && TryParseStamp(stamp, out var value) ? value : -1,
            _ => -1,
        };
        if (dated < 0)
        {
            return false;
        }

        name = new RotatedFileName(RotationKind.Dated, dated, compression);
        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>YYYYMMDD, YYYYMMDDHH or YYYYMMDD-HHMMSS, as the number YYYYMMDDhhmmss when it is a real date and time.</summary>
    private static bool TryParseStamp(ReadOnlySpan<char> stamp, out long value)
    {
        value = 0;
        long hour = 0, minute = 0, second = 0;
        if (!TryParseNumber(stamp[..4], out var year) || !TryParseNumber(stamp[4..6], out var month)
            || !TryParseNumber(stamp[6..8], out var day)
            || (stamp.Length == 10 && !TryParseNumber(stamp[8..10], out hour))
            || (stamp.Length == 15 && (!TryParseNumber(stamp[9..11], out hour)
                || !TryParseNumber(stamp[11..13], out minute) || !TryParseNumber(stamp[13..15], out second))))
        {
            return false;
        }

        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = (year * 10_000_000_000) + (month * 100_000_000) + (day * 1_000_000) + (hour * 10_000) + (minute * 100) + second;
        return true;
    }
}
