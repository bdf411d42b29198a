using System.Diagnostics;

namespace Postmeter.Server.Tests.Import;

/// <summary>Real logs laid out as logrotate leaves them, made with the real <c>gzip</c> and <c>bzip2</c>.</summary>
internal static class RotatedLogs
{
    public static readonly DateTime FileTime = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A real-shaped log of about <paramref name="lines"/> lines (the seed42 log repeated with fresh queue ids and days).</summary>
    public static string Generated(TempFolder temp, int lines)
    {
        var output = temp.Path($"generated-{lines}.log");
        RunTool("python3", Path.Combine(FixturePaths.Root, "bench", "make-large-log.py"), "--source", FixturePaths.Seed42, "--lines", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);
        return output;
    }

    /// <summary>
    /// Splits <paramref name="log"/> into <paramref name="names"/> (oldest first) in <paramref name="directory"/>, at
    /// line boundaries; names ending in .gz or .bz2 are compressed with the real tools.
    /// </summary>
    public static void Split(string log, string directory, params string[] names)
    {
        var lines = File.ReadAllLines(log);
        var per = (lines.Length + names.Length - 1) / names.Length;
        for (var i = 0; i < names.Length; i++)
        {
            var part = lines.Skip(i * per).Take(per).ToArray();
            Write(Path.Combine(directory, names[i]), part);
        }
    }

    /// <summary>Writes lines to <paramref name="path"/>, compressing by its suffix, with a fixed modification time.</summary>
    public static void Write(string path, IEnumerable<string> lines)
    {
        var plain = path.EndsWith(".gz", StringComparison.Ordinal) || path.EndsWith(".bz2", StringComparison.Ordinal)
            ? path[..path.LastIndexOf('.')]
            : path;
        File.WriteAllLines(plain, lines);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            RunTool("gzip", "-n", "-f", plain);
        }
        else if (path.EndsWith(".bz2", StringComparison.Ordinal))
        {
            RunTool("bzip2", "-f", plain);
        }

        File.SetLastWriteTimeUtc(path, FileTime);
    }

    public static void RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {error}");
        }
    }
}
