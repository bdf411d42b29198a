namespace Postmeter.Core.Parsing;

/// <summary>How each log line is framed around the Postfix text.</summary>
public enum LogFormat
{
    /// <summary>Traditional syslog: <c>Nov 21 22:29:56 host prog[pid]: text</c>, no year, local time.</summary>
    Default,

    /// <summary>RFC 3339 stamp first: <c>2026-11-21T22:29:56.123456+01:00 host prog[pid]: text</c>.</summary>
    Rfc3339,

    /// <summary>An RFC 3339 stamp followed by a complete traditional syslog line (Logstash <c>line</c> codec).</summary>
    PrependRfc3339,

    /// <summary>One JSON object per line with <c>@timestamp</c> and <c>message</c> (a traditional syslog line).</summary>
    Logstash,
}

public static class LogFormatNames
{
    public const string Expected = "default, rfc3339, prepend-rfc3339 or logstash";

    public static bool TryParse(string? name, out LogFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "default" or "syslog" or "traditional":
                format = LogFormat.Default;
                return true;
            case "rfc3339":
                format = LogFormat.Rfc3339;
                return true;
            case "prepend-rfc3339":
                format = LogFormat.PrependRfc3339;
                return true;
            case "logstash":
                format = LogFormat.Logstash;
                return true;
            default:
                format = LogFormat.Default;
                return false;
        }
    }
}
