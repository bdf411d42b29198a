using System.Diagnostics;
using System.Net;

namespace Postmeter.Insights.Tests;

/// <summary>
/// A real SMTP server for a test: Postfix's smtp-sink on 127.0.0.1 at a free port, writing each message it receives to
/// a file of its own in a folder (as the user nobody when the test runs as root).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static SmtpSink Start(string folder, params string[] options)
    {
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var executable = File.Exists("/usr/sbin/smtp-sink") ? "/usr/sbin/smtp-sink" : "smtp-sink";
        var port = LocalServer.FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(Path.Combine(folder, "message."));
        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("10");
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp-sink did not start");
        var sink = new SmtpSink(process, port, folder);
        LocalServer.WaitUntilListening(process, new IPEndPoint(IPAddress.Loopback, port), "smtp-sink");
        return sink;
    }

    /// <summary>The messages received so far, as smtp-sink dumped them (its envelope lines, then the message).</summary>
    public IReadOnlyList<string> Messages() => [.. Directory.GetFiles(_folder, "message.*").Order().Select(File.ReadAllText)];

    public void Dispose() => LocalServer.Stop(_process);
}
