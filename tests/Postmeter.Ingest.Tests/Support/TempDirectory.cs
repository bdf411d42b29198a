namespace Postmeter.Ingest.Tests.Support;

/// <summary>A real directory under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullPath = Path.Combine(Path.GetTempPath(), "postmeter-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string PathOf(string name) => Path.Combine(FullPath, name);

    public string Write(string name, byte[] content)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content = "") => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Creates files with the given names, each last written one hour after the previous one.</summary>
    public void WriteInWriteOrder(params string[] names)
    {
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var name in names)
        {
            File.SetLastWriteTimeUtc(Write(name, name + "\n"), time);
            time = time.AddHours(1);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
