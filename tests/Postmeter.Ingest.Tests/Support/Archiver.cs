using System.Diagnostics;

namespace Postmeter.Ingest.Tests.Support;

/// <summary>Compresses with the real gzip and bzip2 command-line tools, as logrotate does.</summary>
internal static class Archiver
{
    public static byte[] Gzip(byte[] content) => Run("gzip", content);

    public static byte[] BZip2(byte[] content) => Run("bzip2", content);

    private static byte[] Run(string tool, byte[] content)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {tool}");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(content);
        process.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}");
        }

        return output.ToArray();
    }
}
