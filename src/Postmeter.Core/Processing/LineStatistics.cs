using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>Counts of the lines read: how many of each kind, and which programs wrote lines Postmeter does not understand.</summary>
public sealed class LineStatistics : ILineCounter
{
    private const string KindPrefix = "kind:";
    private const string ProgramPrefix = "program:";

    private readonly long[] _byKind = new long[Enum.GetValues<PostfixEventKind>().Length];
    private readonly Dictionary<string, long> _unsupportedByProgram = new(StringComparer.Ordinal);
    private byte[] _lastProgram = [];
    private string _lastProgramText = string.Empty;

    public long Lines { get; private set; }

    /// <summary>Lines whose syslog envelope (time, host, program) could not be read at all.</summary>
    public long Malformed { get; private set; }

    public string? PostfixVersion { get; private set; }

    public DateTime? FirstTime { get; private set; }

    public DateTime? LastTime { get; private set; }

    public long Count(PostfixEventKind kind) => _byKind[(int)kind];

    /// <summary>Messages submitted after a successful SMTP AUTH (<c>client=…, sasl_username=…</c>).</summary>
    public long SaslLogins { get; private set; }

    public long Unsupported => _byKind[(int)PostfixEventKind.Unsupported];

    public long Supported => Lines - Malformed - Unsupported;

    public IReadOnlyDictionary<string, long> UnsupportedByProgram => _unsupportedByProgram;

    /// <summary>
    /// Parses and counts one raw line; true when it is a line the tracker needs (the parsed parts are then set).
    /// </summary>
    public bool Read(EnvelopeParser envelopes, ReadOnlySpan<byte> line, out Envelope envelope, out PostfixEvent e) =>
        LineReading.Read(this, envelopes, line, out envelope, out e) && Tracking.MessageTracker.Wants(e.Kind);

    /// <summary>Adds another set of counts to this one (hours into a day, commit deltas into a report).</summary>
    public void Add(LineStatistics other)
    {
        foreach (var (key, count) in other.Counters())
        {
            AddCounter(key, count);
        }

        Include(other.FirstTime, other.LastTime);
        PostfixVersion = other.PostfixVersion ?? PostfixVersion;
    }

    /// <summary>Every count as (key, value), for storage; <see cref="AddCounter"/> reads them back.</summary>
    public IEnumerable<KeyValuePair<string, long>> Counters()
    {
        yield return new("lines", Lines);
        yield return new("malformed", Malformed);
        yield return new("sasl_logins", SaslLogins);
        var kinds = Enum.GetValues<PostfixEventKind>();
        foreach (var kind in kinds)
        {
            if (_byKind[(int)kind] != 0)
            {
                yield return new(KindPrefix + kind, _byKind[(int)kind]);
            }
        }

        foreach (var (program, count) in _unsupportedByProgram)
        {
            yield return new(ProgramPrefix + program, count);
        }
    }

    /// <summary>Adds a count written by <see cref="Counters"/>; keys this version does not know are ignored.</summary>
    public void AddCounter(string key, long count)
    {
        switch (key)
        {
            case "lines":
                Lines += count;
                break;
            case "malformed":
                Malformed += count;
                break;
            case "sasl_logins":
                SaslLogins += count;
                break;
            case not null when key.StartsWith(KindPrefix, StringComparison.Ordinal):
                if (Enum.TryParse<PostfixEventKind>(key.AsSpan(KindPrefix.Length), out var kind))
                {
                    _byKind[(int)kind] += count;
                }

                break;
            case not null when key.StartsWith(ProgramPrefix, StringComparison.Ordinal):
                var program = key[ProgramPrefix.Length..];
                _unsupportedByProgram[program] = _unsupportedByProgram.GetValueOrDefault(program) + count;
                break;
            default:
                break;
        }
    }

    /// <summary>Widens the time span of the lines counted.</summary>
    public void Include(DateTime? first, DateTime? last)
    {
        if (first is not null && (FirstTime is null || first < FirstTime))
        {
            FirstTime = first;
        }

        if (last is not null && (LastTime is null || last > LastTime))
        {
            LastTime = last;
        }
    }

    public void SetPostfixVersion(string? version) => PostfixVersion = version ?? PostfixVersion;

    public void CountMalformed()
    {
        Lines++;
        Malformed++;
    }

    public void Count(scoped in Envelope envelope, scoped in PostfixEvent e)
    {
        Lines++;
        _byKind[(int)e.Kind]++;
        if (FirstTime is null || envelope.Time < FirstTime)
        {
            FirstTime = envelope.Time;
        }

        if (LastTime is null || envelope.Time > LastTime)
        {
            LastTime = envelope.Time;
        }

        if (e.Kind == PostfixEventKind.Unsupported)
        {
            var program = ProgramText(envelope.Program);
            _unsupportedByProgram[program] = _unsupportedByProgram.GetValueOrDefault(program) + 1;
        }
        else if (e.Kind == PostfixEventKind.SmtpdClient && !e.SaslUsername.IsEmpty)
        {
            SaslLogins++;
        }
        else if (e.Kind == PostfixEventKind.Lifecycle && !e.Version.IsEmpty)
        {
            PostfixVersion = Ascii.ToText(e.Version);
        }
    }

    private string ProgramText(ReadOnlySpan<byte> program)
    {
        if (!program.SequenceEqual(_lastProgram))
        {
            _lastProgram = program.ToArray();
            _lastProgramText = Ascii.ToText(program);
        }

        return _lastProgramText;
    }
}
