namespace Postmeter.Core.Tracking;

/// <summary>
/// A queue id within one (host, instance) scope, packed into two integers so lookups on the hot path allocate
/// nothing: each of up to 20 characters takes 6 bits.
/// </summary>
internal readonly record struct QueueKey(int Scope, ulong Low, ulong High)
{
    public const int MaxLength = 20;

    public static QueueKey From(int scope, ReadOnlySpan<byte> queueId)
    {
        ulong low = 0;
        ulong high = 0;
        for (var i = 0; i < queueId.Length && i < MaxLength; i++)
        {
            ulong code = Code(queueId[i]);
            if (i < 10)
            {
                low = (low << 6) | code;
            }
            else
            {
                high = (high << 6) | code;
            }
        }

        return new QueueKey(scope, low, high);
    }

    /// <summary>The queue id this key was made from (codes are never 0, so the packed characters can be counted).</summary>
    public string QueueIdText()
    {
        Span<char> text = stackalloc char[MaxLength];
        return new string(text[..QueueIdText(text)]);
    }

    /// <summary>Writes <see cref="QueueIdText()"/> into <paramref name="text"/> (room for <see cref="MaxLength"/>) and returns its length.</summary>
    public int QueueIdText(Span<char> text)
    {
        var length = Decode(Low, text);
        return length + Decode(High, text[length..]);
    }

    private static int Decode(ulong packed, Span<char> text)
    {
        var length = 0;
        for (var rest = packed; rest != 0; rest >>= 6)
        {
            length++;
        }

        for (var i = length - 1; i >= 0; i--, packed >>= 6)
        {
            var code = (int)(packed & 63);
            text[i] = code switch
            {
                <= 10 => (char)('0' + code - 1),
                <= 36 => (char)('A' + code - 11),
                <= 62 => (char)('a' + code - 37),
                _ => '?',
            };
        }

        return length;
    }

    private static uint Code(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => (uint)(b - '0' + 1),
        >= (byte)'A' and <= (byte)'Z' => (uint)(b - 'A' + 11),
        >= (byte)'a' and <= (byte)'z' => (uint)(b - 'a' + 37),
        _ => 63,
    };
}

/// <summary>Numbers the (host, instance) pairs seen in the logs; there are only a handful, so a list beats a hash.</summary>
internal sealed class ScopeTable
{
    private readonly List<(byte[] Host, byte[] Instance, string HostText, string InstanceText)> _scopes = [];
    private int _last = -1;

    public int Count => _scopes.Count;

    public int IdOf(ReadOnlySpan<byte> host, ReadOnlySpan<byte> instance)
    {
        if (_last >= 0 && Matches(_last, host, instance))
        {
            return _last;
        }

        for (var i = 0; i < _scopes.Count; i++)
        {
            if (Matches(i, host, instance))
            {
                return _last = i;
            }
        }

        _scopes.Add((host.ToArray(), instance.ToArray(), Parsing.Ascii.ToText(host), Parsing.Ascii.ToText(instance)));
        return _last = _scopes.Count - 1;
    }

    public string HostOf(int scope) => _scopes[scope].HostText;

    public string InstanceOf(int scope) => _scopes[scope].InstanceText;

    /// <summary>Scopes on the same host as <paramref name="scope"/> (other Postfix instances a filter may re-inject into).</summary>
    public IEnumerable<int> SameHost(int scope)
    {
        var host = _scopes[scope].HostText;
        for (var i = 0; i < _scopes.Count; i++)
        {
            if (_scopes[i].HostText == host)
            {
                yield return i;
            }
        }
    }

    private bool Matches(int i, ReadOnlySpan<byte> host, ReadOnlySpan<byte> instance) =>
        host.SequenceEqual(_scopes[i].Host) && instance.SequenceEqual(_scopes[i].Instance);
}
