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
