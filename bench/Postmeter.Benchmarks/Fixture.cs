using Postmeter.Testing;

namespace Postmeter.Benchmarks;

/// <summary>
/// The real Postfix log every benchmark reads: <c>tests/fixtures/realpostfix-seed42/maillog</c> in the repository,
/// loaded once into memory and cut into lines.
/// </summary>
public sealed class Fixture
{
    /// <summary>
    /// Lines in the seed-42 fixture. Benchmarks declare it as <c>OperationsPerInvoke</c> so that BenchmarkDotNet
    /// reports time and allocations per line; loading checks that the file still has exactly this many.
    /// </summary>
    public const int LineCount = 2369;

    private readonly byte[] _bytes;
    private readonly (int Start, int Length)[] _lines;

    private Fixture(string path, byte[] bytes, (int Start, int Length)[] lines)
    {
        Path = path;
        _bytes = bytes;
        _lines = lines;
    }

    public string Path { get; }

    public int Count => _lines.Length;

    public ReadOnlySpan<byte> Line(int index)
    {
        var (start, length) = _lines[index];
        return _bytes.AsSpan(start, length);
    }

    /// <summary>Loads <paramref name="name"/> from the seed-42 fixture folder (<c>maillog</c> or <c>maillog.rfc3339</c>).</summary>
    public static Fixture Load(string name = "maillog")
    {
        var path = FixturePaths.Fixture("realpostfix-seed42", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Benchmark fixture {path} is missing: expected the committed fixtures under tests/fixtures/.", path);
        }

        var bytes = File.ReadAllBytes(path);
        var lines = new List<(int, int)>(LineCount);
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                end = bytes.Length;
            }

            lines.Add((start, end - start));
            start = end + 1;
        }

        if (lines.Count != LineCount)
        {
            throw new InvalidDataException(
                $"Benchmark fixture {path} has {lines.Count} lines, expected {LineCount}: update Fixture.LineCount so per-line figures stay right.");
        }

        return new Fixture(path, bytes, [.. lines]);
    }
}
