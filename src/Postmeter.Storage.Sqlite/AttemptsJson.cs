using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// A recipient's delivery attempts as the JSON text of <c>recipients.attempts</c>: an array with one array per
/// attempt, <c>[time, status, daemon, relay, dsn, response, delay, tls]</c> (time in UTC ticks, status the
/// <see cref="DeliveryStatus"/> value, null for what is missing). One column instead of one row per attempt makes a
/// commit a third cheaper, and stays readable with SQLite's JSON functions (<c>json_each</c>).
/// </summary>
internal sealed class AttemptsJson
{
    /// <summary>Bytes of UTF-8 text that JSON strings must escape: the quote, the backslash and the control characters.</summary>
    private static readonly SearchValues<byte> NeedEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>
    /// The UTF-8 JSON of <paramref name="attempts"/>, valid until the next call. Written by hand rather than with
    /// <c>Utf8JsonWriter</c>: this runs for every recipient of every commit, and the plain escaping below (only what
    /// JSON requires) costs a third as much.
    /// </summary>
    public ReadOnlySpan<byte> Encode(IReadOnlyList<DeliveryAttempt> attempts)
    {
        _length = 0;
        Byte((byte)'[');
        for (var i = 0; i < attempts.Count; i++)
        {
            var a = attempts[i];
            if (i > 0)
            {
                Byte((byte)',');
            }

            Byte((byte)'[');
            Integer(a.Time.Ticks);
            Byte((byte)',');
            Integer((int)a.Status);
            Byte((byte)',');
            Text(a.Daemon);
            Byte((byte)',');
            Text(a.Relay);
            Byte((byte)',');
            Text(a.Dsn);
            Byte((byte)',');
            Text(a.Response);
            Byte((byte)',');
            Real(a.Delay);
            Byte((byte)',');
            Text(a.Tls);
            Byte((byte)']');
        }

        Byte((byte)']');
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>Adds the attempts the JSON text holds to <paramref name="into"/>; a malformed text is the store's corruption.</summary>
    public static void Decode(ReadOnlySpan<byte> json, List<DeliveryAttempt> into)
    {
        try
        {
            DecodeOrThrow(json, into);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // A token of the wrong type (GetString on a number, say) or text that is not JSON at all.
            throw Malformed(e.Message);
        }
    }

    private static void DecodeOrThrow(ReadOnlySpan<byte> json, List<DeliveryAttempt> into)
    {
        var r = new Utf8JsonReader(json);
        Expect(ref r, JsonTokenType.StartArray);
        while (Next(ref r) == JsonTokenType.StartArray)
        {
            Next(ref r);
            var time = StoredTime.FromTicks(r.GetInt64(), "an attempt's time");
            Next(ref r);
            var status = StoredEnum.From<DeliveryStatus>(r.GetInt64(), "an attempt's status");
            var daemon = ReadText(ref r) ?? throw Malformed("an attempt without its daemon");
            var relay = ReadText(ref r);
            var dsn = ReadText(ref r);
            var response = ReadText(ref r);
            var delay = Next(ref r) == JsonTokenType.Null ? double.NaN : r.GetDouble();
            var tls = ReadText(ref r);
            Expect(ref r, JsonTokenType.EndArray);
            into.Add(new DeliveryAttempt(time, status, daemon, relay, dsn, response, delay, tls));
        }

        if (r.TokenType != JsonTokenType.EndArray)
        {
            throw Malformed($"{r.TokenType} where an attempt should start");
        }
    }

    private void Byte(byte value)
    {
        Room(1);
        _buffer[_length++] = value;
    }

    private void Null()
    {
        Room(4);
        "null"u8.CopyTo(_buffer.AsSpan(_length));
        _length += 4;
    }

    private void Integer(long value)
    {
        Room(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Real(double value)
    {
        if (!double.IsFinite(value))
        {
            Null();
            return;
        }

        Room(32);
        // The shortest text that reads back as the same double.
        value.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Room(Encoding.UTF8.GetMaxByteCount(value.Length) + 2);
        _buffer[_length++] = (byte)'"';
        var start = _length;
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        if (_buffer.AsSpan(start, _length - start).ContainsAny(NeedEscape))
        {
            Escape(start);
        }

        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Rewrites the UTF-8 text from <paramref name="start"/> to the end with JSON's escapes.</summary>
    private void Escape(int start)
    {
        var raw = _buffer.AsSpan(start, _length - start).ToArray();
        _length = start;
        foreach (var b in raw)
        {
            Room(6);
            if (b == (byte)'"' || b == (byte)'\\')
            {
                _buffer[_length++] = (byte)'\\';
                _buffer[_length++] = b;
            }
            else if (b < 0x20)
            {
                "\\u00"u8.CopyTo(_buffer.AsSpan(_length));
                _buffer[_length + 4] = HexDigit(b >> 4);
                _buffer[_length + 5] = HexDigit(b & 0xF);
                _length += 6;
            }
            else
            {
                _buffer[_length++] = b;
            }
        }
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private void Room(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }

    private static string? ReadText(ref Utf8JsonReader reader) => Next(ref reader) == JsonTokenType.Null ? null : reader.GetString();

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw Malformed("the text ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw Malformed($"{reader.TokenType} where {type} was expected");
        }
    }

    private static InvalidDataException Malformed(string what) => new($"recipients.attempts is not the JSON Postmeter writes: {what}");
}
