using System.Text;

namespace Postmeter.Ingest.Tests.Support;

/// <summary>The real seed-42 Postfix log from <c>tests/fixtures/</c>, as bytes and lines.</summary>
internal static class RepositoryFiles
{
    public static string RealMaillogPath => FixturePaths.Seed42;

    public static byte[] RealMaillogBytes() => File.ReadAllBytes(RealMaillogPath);

    /// <summary>The real log's lines, without terminators, as raw bytes.</summary>
    public static List<byte[]> RealMaillogLines() => SplitLines(RealMaillogBytes());

    public static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        var rest = content.AsSpan();
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                lines.Add(rest.ToArray());
                break;
            }

            lines.Add(rest[..newline].ToArray());
            rest = rest[(newline + 1)..];
        }

        return lines;
    }

    public static byte[] Join(IEnumerable<byte[]> lines)
    {
        using var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            buffer.Write(line);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
