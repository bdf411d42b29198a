using System.Text;
using Postmeter.Ingest.Network;

namespace Postmeter.Ingest.Tests.Network;

public sealed class SyslogMessageTests
{
    [Theory]
    [InlineData("<22>Nov 21 22:29:56 mx2 postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]",
        "Nov 21 22:29:56 mx2 postfix/smtpd[28387]: connect from app01.example.net[127.0.0.2]")]
    [InlineData("<22>1 2026-11-21T22:29:56.123+01:00 mx1 postfix/smtp 4242 - - 4F1A2B: to=<a@b.example>, status=sent\n",
        "2026-11-21T22:29:56.123+01:00 mx1 postfix/smtp[4242]: 4F1A2B: to=<a@b.example>, status=sent")]
    [InlineData("<22>1 2026-11-21T22:29:56Z mx1 postfix/qmgr - ID47 [meta a=\"x \\] y\"][origin ip=\"192.0.2.1\"] \uFEFF4F1A2B: removed",
        "2026-11-21T22:29:56Z mx1 postfix/qmgr: 4F1A2B: removed")]
    [InlineData("<22>1 2026-11-21T22:29:56Z mx1 postfix/anvil 7 - -", "2026-11-21T22:29:56Z mx1 postfix/anvil[7]: ")]
    [InlineData("Nov 21 22:29:56 mail postfix/smtpd[1]: no priority, taken as it is\r\n", "Nov 21 22:29:56 mail postfix/smtpd[1]: no priority, taken as it is")]
    [InlineData("<x>not a priority", "<x>not a priority")]
    public void A_syslog_message_becomes_the_line_a_syslog_daemon_writes(string message, string line)
    {
        var output = new List<byte>();

        SyslogMessage.AppendLine(Encoding.UTF8.GetBytes(message), output);

        Assert.Equal(line + "\n", Encoding.UTF8.GetString([.. output]));
    }

    [Fact]
    public void An_empty_message_adds_nothing()
    {
        var output = new List<byte>();
        SyslogMessage.AppendLine("\r\n"u8, output);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Octet_counted_and_newline_framed_messages_mixed_and_cut_anywhere_read_whole()
    {
        var stream = "17 <22>Nov 21 a b: x<22>Nov 21 c d: y\n10 <22>e f: z\n<22>last without newline"u8.ToArray();
        using var feed = new LineFeed();

        await SyslogReader.Read(new TrickleStream(stream, 3), "c", feed, CancellationToken.None);

        var lines = new StringBuilder();
        while (feed.TryTake(out var chunk, TimeSpan.Zero, CancellationToken.None))
        {
            lines.Append(Encoding.UTF8.GetString(chunk.Lines));
        }

        Assert.Equal("Nov 21 a b: x\nNov 21 c d: y\ne f: z\nlast without newline\n", lines.ToString());
    }

    [Fact]
    public void A_line_too_long_is_cut_and_the_rest_goes_on_as_lines_of_its_own()
    {
        using var feed = new LineFeed();
        var splitter = new StreamLineSplitter("c", feed);
        splitter.Add(new byte[StreamLineSplitter.MaxLineLength + 10], CancellationToken.None);
        splitter.Add("\nnext\n"u8, CancellationToken.None);

        Assert.True(feed.TryTake(out var cut, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(StreamLineSplitter.MaxLineLength + 1, cut.Lines.Length);
        Assert.True(feed.TryTake(out var rest, TimeSpan.Zero, CancellationToken.None));
        Assert.EndsWith("\nnext\n", Encoding.UTF8.GetString(rest.Lines), StringComparison.Ordinal);
        Assert.Equal(10 + 6, rest.Lines.Length);
    }

    /// <summary>Hands out its bytes a few at a time, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(step, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
