using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>The first steps every line takes: envelope, Postfix parsing, counting.</summary>
public static class LineReading
{
    /// <summary>Parses and counts one raw line; false when it has no readable envelope (then <paramref name="e"/> is empty).</summary>
    public static bool Read(ILineCounter counter, EnvelopeParser envelopes, ReadOnlySpan<byte> line, out Envelope envelope, out PostfixEvent e)
    {
        e = default;
        if (!envelopes.TryParse(line, out envelope))
        {
            if (!Ascii.TrimEnd(line).IsEmpty)
            {
                counter.CountMalformed();
            }

            return false;
        }

        e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
        counter.Count(envelope, e);
        return true;
    }
}
