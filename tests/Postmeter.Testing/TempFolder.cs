namespace Postmeter.Testing;

/// <summary>A fresh folder under the system's temporary directory for one test, deleted with everything in it afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "postmeter-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A folder inside the folder, created.</summary>
    public string Directory(string name)
    {
        var path = Path(name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a file inside the folder and gives its path.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Path(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content = "") => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder must not fail a test.
        }
    }
}
