using System.Text;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Tests.Cli;

/// <summary>Runs the real <c>postmeter</c> command line in-process with captured streams.</summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Where runs that serve listen unless a test says otherwise: never :8080, where parallel tests would meet.</summary>
    private const string FreeLoopbackPort = "127.0.0.1:0";

    /// <param name="environment">The environment the command sees (none of this process's variables).</param>
    public static CliResult Run(string[] args, byte[]? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var binary = new MemoryStream();
        var code = PostmeterCli.Run(
            args, output, error, () => new MemoryStream(stdin ?? []), () => new NonClosingStream(binary), new FixedClock(Now),
            name => environment?.GetValueOrDefault(name) ?? (name == "POSTMETER_LISTEN" ? FreeLoopbackPort : null));
        var text = output.ToString() + Encoding.UTF8.GetString(binary.ToArray());
        return new CliResult(code, text, error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Keeps the captured bytes readable after the command disposes its output.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
