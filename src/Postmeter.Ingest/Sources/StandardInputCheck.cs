using Postmeter.Storage.FileSystem;

namespace Postmeter.Ingest.Sources;

/// <summary>
/// Standard input must be something log lines can come from. A directory (<c>postmeter report - &lt; /var/log</c>)
/// fails on the first read with "Is a directory"; a closed one (<c>&lt;&amp;-</c>) is worse: the runtime's own first
/// pipe takes descriptor 0, and reading it waits forever.
/// </summary>
public static class StandardInputCheck
{
    private const string Examples = "expected log lines from a file or a pipe (e.g. postmeter report - < /var/log/mail.log)";

    /// <exception cref="LogInputException">Standard input is a directory or closed.</exception>
    public static void EnsureReadable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var status = FileStatus.OfDescriptor(0);
        if (status is null || status.Value.Kind == FileKind.Missing || IsOwnPipe())
        {
            throw new LogInputException($"standard input is closed; {Examples}", LogInput.StandardInputArgument);
        }

        if (status.Value.Kind == FileKind.Directory)
        {
            throw new LogInputException($"standard input is a directory; {Examples}", LogInput.StandardInputArgument);
        }
    }

    /// <summary>
    /// Descriptor 0 is a pipe or event object whose writing end this process holds too: not a feed from outside (a
    /// copy of descriptor 0 the runtime made reads, it does not write).
    /// </summary>
    private static bool IsOwnPipe()
    {
        var target = LinkTarget("/proc/self/fd/0");
        if (target is null || !(target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("anon_inode:", StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            var number = Path.GetFileName(descriptor);
            if (number != "0" && LinkTarget(descriptor) == target && OpenForWriting(number))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether descriptor <paramref name="number"/> was opened for writing (the access mode in its <c>flags:</c>).</summary>
    private static bool OpenForWriting(string number)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/fdinfo/" + number))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    var flags = Convert.ToInt32(line["flags:".Length..].Trim(), 8);
                    return (flags & 3) != 0;
                }
            }
        }
        catch (IOException)
        {
        }

        return false;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
