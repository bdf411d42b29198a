using System.Text;
using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;

namespace Postmeter.Ingest.Tests.Sources;

public class LineReaderTests
{
    private static List<byte[]> ReadLines(Stream stream, LineReader? reader = null)
    {
        var lines = new List<byte[]>();
        (reader ?? new LineReader()).ReadAll(stream, line => lines.Add(line.ToArray()));
        return lines;
    }

    private static List<byte[]> ReadLines(byte[] content, LineReader? reader = null) => ReadLines(new MemoryStream(content), reader);

    private static List<string> ReadText(string content, LineReader? reader = null) =>
        ReadLines(Encoding.UTF8.GetBytes(content), reader).ConvertAll(RepositoryFiles.Text);

    [Fact]
    public void Real_log_is_read_line_by_line_unchanged()
    {
        var content = RepositoryFiles.RealMaillogBytes();
        var reader = new LineReader();

        var lines = ReadLines(content, reader);

        Assert.Equal(RepositoryFiles.RealMaillogLines(), lines);
        Assert.Equal(2369, lines.Count);
        Assert.Equal(2369, reader.LinesRead);
        Assert.Equal(content.Length, reader.Position);
        Assert.Equal(0, reader.TruncatedLines);
    }

    [Fact]
    public void ReadAll_returns_the_number_of_lines_delivered()
    {
        var count = new LineReader().ReadAll(new MemoryStream("a\nb\nc\n"u8.ToArray()), _ => { });

        Assert.Equal(3, count);
    }

    [Fact]
    public void Carriage_return_before_newline_is_dropped()
    {
        Assert.Equal(["first", "second", "third"], ReadText("first\r\nsecond\r\nthird\r\n"));
    }

    [Fact]
    public void Carriage_return_inside_a_line_is_kept()
    {
        Assert.Equal(["a\rb", "c\r\r"], ReadText("a\rb\nc\r\r\r\n"));
    }

    [Fact]
    public void Final_line_without_newline_is_still_delivered()
    {
        Assert.Equal(["first", "last"], ReadText("first\nlast"));
        Assert.Equal(["last"], ReadText("last\r"));
    }

    [Fact]
    public void Empty_lines_are_delivered_as_empty_lines()
    {
        Assert.Equal(["", "a", "", "", "b"], ReadText("\na\n\n\r\nb\n"));
    }

    [Fact]
    public void Empty_stream_has_no_lines()
    {
        var reader = new LineReader();

        Assert.Empty(ReadText("", reader));
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void Line_longer_than_the_cap_is_cut_to_the_cap_and_the_next_line_is_intact()
    {
        var real = RepositoryFiles.RealMaillogLines();
        var huge = new byte[200_000];
        Random.Shared.NextBytes(huge);
        huge.AsSpan().Replace((byte)'\n', (byte)'x');
        var content = RepositoryFiles.Join([real[0], huge, real[1], real[2]]);
        var reader = new LineReader();

        var lines = ReadLines(content, reader);

        Assert.Equal(4, lines.Count);
        Assert.Equal(real[0], lines[0]);
        Assert.Equal(huge.AsSpan(0, LineReader.DefaultMaxLineLength).ToArray(), lines[1]);
        Assert.Equal(real[1], lines[2]);
        Assert.Equal(real[2], lines[3]);
        Assert.Equal(1, reader.TruncatedLines);
        Assert.Equal(content.Length, reader.Position);
    }

    [Fact]
    public void Long_last_line_without_newline_is_cut_to_the_cap()
    {
        var content = Encoding.ASCII.GetBytes("short\n" + new string('y', 100_000));
        var reader = new LineReader();

        var lines = ReadLines(content, reader);

        Assert.Equal(2, lines.Count);
        Assert.Equal(LineReader.DefaultMaxLineLength, lines[1].Length);
        Assert.Equal(content.Length, reader.Position);
    }

    [Fact]
    public void A_held_last_line_is_not_delivered_and_the_position_stays_at_its_start()
    {
        var content = "one\ntwo\nthr"u8.ToArray();
        var reader = new LineReader(bufferSize: 4, maxLineLength: 16);
        var lines = new List<string>();

        reader.ReadAll(new MemoryStream(content), line => lines.Add(Encoding.ASCII.GetString(line)), holdPartialLastLine: true);

        Assert.Equal(["one", "two"], lines);
        Assert.Equal(8, reader.Position);
    }

    [Fact]
    public void A_held_last_line_longer_than_the_cap_is_not_delivered_cut_either()
    {
        var content = Encoding.ASCII.GetBytes("short\n" + new string('y', 100_000));
        var reader = new LineReader();
        var lines = new List<int>();

        reader.ReadAll(new MemoryStream(content), line => lines.Add(line.Length), holdPartialLastLine: true);

        Assert.Equal([5], lines);
        Assert.Equal(6, reader.Position);
        Assert.Equal(0, reader.TruncatedLines);
    }

    [Fact]
    public void Line_exactly_at_the_cap_is_whole_and_one_byte_more_is_cut()
    {
        var reader = new LineReader(bufferSize: 64, maxLineLength: 20);
        var atCap = new string('a', 20);
        var carriageReturnAtCap = new string('b', 20) + "\r";
        var overCap = new string('c', 21);

        var lines = ReadText($"{atCap}\n{carriageReturnAtCap}\n{overCap}\r\nend\n", reader);

        Assert.Equal([atCap, new string('b', 20), new string('c', 20), "end"], lines);
        Assert.Equal(1, reader.TruncatedLines);
    }

    [Fact]
    public void Many_long_lines_in_a_row_are_each_cut_with_a_small_buffer()
    {
        var reader = new LineReader(bufferSize: 40, maxLineLength: 10);
        var content = string.Concat(Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), 10 + (i * 7)) + "\n"));

        var lines = ReadText(content, reader);

        Assert.Equal(50, lines.Count);
        Assert.All(lines.Select((line, i) => (line, i)), x => Assert.Equal(new string((char)('a' + (x.i % 26)), 10), x.line));
        Assert.Equal(49, reader.TruncatedLines);
        Assert.Equal(Encoding.ASCII.GetByteCount(content), reader.Position);
    }

    [Fact]
    public void Binary_junk_and_invalid_utf8_are_passed_through_unchanged()
    {
        byte[] junk = [0x00, 0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x00, 0x80, 0x1B, 0x7F];
        var real = RepositoryFiles.RealMaillogLines()[5];
        byte[] withNul = [0x00, 0x00, .. real];

        var lines = ReadLines(RepositoryFiles.Join([junk, withNul, real]));

        Assert.Equal([junk, withNul, real], lines);
    }

    [Theory]
    [InlineData(1, 600)]
    [InlineData(17, 600)]
    [InlineData(602, 600)]
    [InlineData(701, 600)]
    [InlineData(4099, 1000)]
    public void Lines_split_across_buffer_boundaries_are_reassembled(int bufferSize, int maxLineLength)
    {
        var content = RepositoryFiles.RealMaillogBytes();
        var reader = new LineReader(bufferSize, maxLineLength);

        var lines = ReadLines(content, reader);

        Assert.Equal(RepositoryFiles.RealMaillogLines(), lines);
        Assert.Equal(0, reader.TruncatedLines);
        Assert.Equal(content.Length, reader.Position);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Short_reads_from_a_pipe_do_not_change_the_lines(int maxChunk)
    {
        var content = Encoding.UTF8.GetBytes(string.Join("\r\n", ["", .. RepositoryFiles.RealMaillogLines().Take(200).Select(RepositoryFiles.Text), new string('z', 3000), "tail"]));
        var expected = ReadLines(content, new LineReader(bufferSize: 2000, maxLineLength: 1000));

        var lines = ReadLines(new TricklingStream(content, maxChunk, seed: maxChunk), new LineReader(bufferSize: 2000, maxLineLength: 1000));

        Assert.Equal(expected, lines);
        Assert.Equal(203, lines.Count);
        Assert.Equal(1000, lines[^2].Length);
    }

    [Fact]
    public void Position_during_a_line_is_the_offset_just_past_its_terminator()
    {
        var content = "ab\r\n\ncdef\nlast"u8.ToArray();
        var reader = new LineReader(bufferSize: 8, maxLineLength: 4);
        var positions = new List<long>();

        reader.ReadAll(new TricklingStream(content, 3), _ => positions.Add(reader.Position));

        Assert.Equal([4L, 5L, 10L, 14L], positions);
        Assert.Equal(content.Length, reader.Position);
    }

    [Fact]
    public void Position_counts_the_skipped_part_of_a_cut_line()
    {
        var content = Encoding.ASCII.GetBytes(new string('x', 50) + "\r\nnext\n");
        var reader = new LineReader(bufferSize: 16, maxLineLength: 8);
        var positions = new List<long>();

        reader.ReadAll(new MemoryStream(content), _ => positions.Add(reader.Position));

        Assert.Equal([52L, 57L], positions);
    }

    [Fact]
    public void Counters_restart_for_each_stream()
    {
        var reader = new LineReader();
        reader.ReadAll(new MemoryStream("a\nb\n"u8.ToArray()), _ => { });

        reader.ReadAll(new MemoryStream("c\n"u8.ToArray()), _ => { });

        Assert.Equal(1, reader.LinesRead);
        Assert.Equal(2, reader.Position);
    }

    [Fact]
    public void Buffer_and_cap_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineReader(bufferSize: 0, maxLineLength: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineReader(bufferSize: 100, maxLineLength: 0));
    }

    [Fact]
    public void Buffer_smaller_than_a_line_still_reads_whole_lines()
    {
        var content = RepositoryFiles.RealMaillogBytes();

        var lines = ReadLines(new MemoryStream(content), new LineReader(bufferSize: 3, maxLineLength: 4096));

        Assert.Equal(RepositoryFiles.RealMaillogLines(), lines);
    }
}
