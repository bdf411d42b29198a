namespace Postmeter.Core.Parsing;

/// <summary>
/// One log line split into its syslog parts. Spans point into the caller's line (or the parser's own buffer for
/// Logstash JSON) and are valid until the next line is parsed.
/// </summary>
public ref struct Envelope
{
    /// <summary>When the line was written, in UTC.</summary>
    public DateTime Time;

    public ReadOnlySpan<byte> Host;

    /// <summary>The whole syslog tag without the pid, e.g. <c>postfix/submission/smtpd</c>.</summary>
    public ReadOnlySpan<byte> Program;

    /// <summary>The first part of the tag, e.g. <c>postfix</c> or <c>postfix-out</c>: the Postfix instance.</summary>
    public ReadOnlySpan<byte> Instance;

    /// <summary>The last part of the tag, e.g. <c>smtpd</c>: which Postfix daemon wrote the line.</summary>
    public ReadOnlySpan<byte> Daemon;

    public int Pid;

    /// <summary>What the program logged, after <c>prog[pid]: </c>.</summary>
    public ReadOnlySpan<byte> Text;
}
