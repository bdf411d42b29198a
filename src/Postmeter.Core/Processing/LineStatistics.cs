using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>Counts of the lines read: how many of each kind, and which programs wrote lines Postmeter does not understand.</summary>
public sealed class LineStatistics
{
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
    public bool Read(EnvelopeParser envelopes, ReadOnlySpan<byte> line, out Envelope envelope, out PostfixEvent e)
    {
        e = default;
        if (!envelopes.TryParse(line, out envelope))
        {
            if (!Ascii.TrimEnd(line).IsEmpty)
            {
                CountMalformed();
            }

            return false;
        }

        e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
        Count(envelope, e);
        return Tracking.MessageTracker.Wants(e.Kind);
    }

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
