namespace Postmeter.Core.Parsing;

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
