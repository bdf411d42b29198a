using System.Text.Json;

namespace Postmeter.Core.Parsing;

/// <summary>
/// Splits a raw log line into an <see cref="Envelope"/> for the configured <see cref="LogFormat"/>. A line in one of the
/// other formats is still understood (people forget the flag on Debian 12's RFC 3339 logs). One instance per input
/// stream: it carries the year inference state of that stream.
/// </summary>
public sealed class EnvelopeParser(LogFormat format, YearlessClock clock)
{
    private byte[] _jsonMessage = new byte[1024];

    public LogFormat Format { get; } = format;

    public YearlessClock Clock { get; } = clock;

    public bool TryParse(ReadOnlySpan<byte> line, out Envelope envelope)
    {
        envelope = default;
        line = Ascii.TrimEnd(line.TrimStart((byte)0));
        if (line.IsEmpty)
        {
            return false;
        }

        var parsed = Format switch
        {
            LogFormat.Default => TryTraditional(line, ref envelope),
            LogFormat.Rfc3339 => TryRfc3339(line, ref envelope),
            LogFormat.PrependRfc3339 => TryPrependRfc3339(line, ref envelope),
            _ => TryLogstash(line, ref envelope),
        };
        return parsed || TryAnyOther(line, ref envelope);
    }

    private bool TryAnyOther(ReadOnlySpan<byte> line, ref Envelope envelope)
    {
        var first = line[0];
        if (first == '{')
        {
            return Format != LogFormat.Logstash && TryLogstash(line, ref envelope);
        }

        if (Ascii.IsDigit(first))
        {
            return Format is not (LogFormat.Rfc3339 or LogFormat.PrependRfc3339)
                && (TryPrependRfc3339(line, ref envelope) || TryRfc3339(line, ref envelope));
        }

        return Format != LogFormat.Default && TryTraditional(line, ref envelope);
    }

    private bool TryTraditional(ReadOnlySpan<byte> line, ref Envelope envelope)
    {
        var used = SyslogTimestamp.TryParseTraditional(line, out var month, out var day, out var second, out var fraction);
        if (used == 0 || !SyslogHeader.TryParse(line[used..], ref envelope))
        {
            return false;
        }

        envelope.Time = Clock.ToUtc(month, day, second, fraction);
        return true;
    }

    private static bool TryRfc3339(ReadOnlySpan<byte> line, ref Envelope envelope)
    {
        var used = SyslogTimestamp.TryParseRfc3339(line, out var utc);
        if (used == 0 || !SyslogHeader.TryParse(line[used..], ref envelope))
        {
            return false;
        }

        envelope.Time = utc;
        return true;
    }

    private static bool TryPrependRfc3339(ReadOnlySpan<byte> line, ref Envelope envelope)
    {
        var used = SyslogTimestamp.TryParseRfc3339(line, out var utc);
        if (used == 0)
        {
            return false;
        }

        var rest = line[used..].TrimStart((byte)' ');
        var inner = SyslogTimestamp.TryParseTraditional(rest, out _, out _, out _, out _);
        if (inner == 0 || !SyslogHeader.TryParse(rest[inner..], ref envelope))
        {
            return false;
        }

        envelope.Time = utc;
        return true;
    }

    private bool TryLogstash(ReadOnlySpan<byte> line, ref Envelope envelope)
    {
        if (line[0] != '{' || !TryReadLogstashFields(line, out var utc, out var messageLength))
        {
            return false;
        }

        ReadOnlySpan<byte> message = _jsonMessage.AsSpan(0, messageLength);
        message = Ascii.TrimEnd(message);
        var used = SyslogTimestamp.TryParseTraditional(message, out _, out _, out _, out _);
        if (used == 0)
        {
            used = SyslogTimestamp.TryParseRfc3339(message, out _);
        }

        if (!SyslogHeader.TryParse(message[used..], ref envelope))
        {
            return false;
        }

        envelope.Time = utc;
        return true;
    }

    private bool TryReadLogstashFields(ReadOnlySpan<byte> json, out DateTime utc, out int messageLength)
    {
        utc = default;
        messageLength = -1;
        var haveTime = false;
        Span<byte> stamp = stackalloc byte[64];
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTime = reader.ValueTextEquals("@timestamp"u8);
                var isMessage = !isTime && reader.ValueTextEquals("message"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String && (isTime || isMessage))
                {
                    if (isTime)
                    {
                        var length = reader.ValueIsEscaped ? (reader.ValueSpan.Length <= stamp.Length ? reader.CopyString(stamp) : 0) : -1;
                        var raw = length >= 0 ? stamp[..length] : reader.ValueSpan;
                        haveTime = SyslogTimestamp.TryParseRfc3339(raw, out utc) > 0;
                    }
                    else
                    {
                        messageLength = CopyMessage(ref reader);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or an escaped message that is not valid UTF-8: not a line we can read.
            return false;
        }

        return haveTime && messageLength >= 0;
    }

    /// <summary>The message's bytes, unescaped; an unescaped value is copied as is, even when it is not valid UTF-8.</summary>
    private int CopyMessage(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (_jsonMessage.Length < raw.Length)
        {
            _jsonMessage = new byte[Math.Max(raw.Length, _jsonMessage.Length * 2)];
        }

        if (!reader.ValueIsEscaped)
        {
            raw.CopyTo(_jsonMessage);
            return raw.Length;
        }

        return reader.CopyString(_jsonMessage);
    }
}
