using System.Text;

namespace Postmeter.Ingest.Tests.Support;

/// <summary>Real logs written by a real Postfix, shared beside the repository (../shared relative to its root).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RealMaillogPath => Path.Combine(Root.Value, "..", "shared", "fixtures", "realpostfix-seed42", "maillog");

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

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Postmeter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Postmeter.slnx above {AppContext.BaseDirectory}");
    }
}
