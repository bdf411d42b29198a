using Postmeter.Server.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The real <c>postmeter</c> command line serving in this test process (real Kestrel on loopback), stopped by a token.</summary>
internal sealed class InProcessServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _error = new();
    private readonly TextWriter _errorWriter;
    private readonly Task<int> _run;

    private InProcessServer(string[] args, string? webRoot = null)
    {
        _errorWriter = TextWriter.Synchronized(_error);
        var context = new CliContext(TextWriter.Null, _errorWriter, () => Stream.Null, () => Stream.Null, TimeProvider.System)
        {
            Environment = name => name == "POSTMETER_LISTEN" ? "127.0.0.1:0" : null,
            Stop = _stop.Token,
            WebRoot = webRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        };
        _run = Task.Factory.StartNew(() => PostmeterCli.Run(args, context), TaskCreationOptions.LongRunning);
    }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string Log
    {
        get
        {
            lock (_errorWriter)
            {
                return _error.ToString();
            }
        }
    }

    public static Task<InProcessServer> Start(params string[] args) => StartWithWebRoot(null, args);

    /// <summary>Starts a server that takes its web UI's files from <paramref name="webRoot"/> (null: beside the program).</summary>
    public static async Task<InProcessServer> StartWithWebRoot(string? webRoot, params string[] args)
    {
        var server = new InProcessServer(args, webRoot);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        System.Text.RegularExpressions.Match serving;
        while (!(serving = ServerProcess.ServingAt().Match(server.Log)).Success)
        {
            if (server._run.IsCompleted || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the in-process server did not start:\n" + server.Log);
            }

            await Task.Delay(50);
        }

        server.Address = new Uri(serving.Groups[1].Value + "/");
        return server;
    }

    public ApiClient Client() => new(Address);

    public async Task<int> Stop()
    {
        await _stop.CancelAsync();
        return await _run;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _run.Wait(TimeSpan.FromSeconds(30));
        _stop.Dispose();
        _error.Dispose();
    }
}
