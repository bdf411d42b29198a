namespace Postmeter.Ingest.Sources;

/// <summary>
/// A log file's size and modification time, of the file itself when the path is a symbolic link (a link's own
/// metadata says nothing about the log: its size is its target's name, its time when it was made).
/// </summary>
public static class LogFileInfo
{
    public static FileInfo Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return info;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        }
        catch (IOException)
        {
            // A loop of links: opening it fails too, with its own message.
            return info;
        }
    }

    /// <summary>Modification time in UTC, the reference for years of year-less time stamps.</summary>
    public static DateTime LastWriteUtc(string path) => Of(path).LastWriteTimeUtc;

    /// <summary>The size for progress: 0 when the file cannot be looked at now (gone, renamed by a rotation).</summary>
    public static long SizeOrZero(string path)
    {
        try
        {
            var info = Of(path);
            return info.Exists ? info.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
