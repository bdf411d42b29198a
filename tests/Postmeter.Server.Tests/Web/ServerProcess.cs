using System.Text.RegularExpressions;
using Postmeter.Server.Tests.Following;

namespace Postmeter.Server.Tests.Web;

/// <summary>A real <c>postmeter</c> serving on a free loopback port while it follows a log folder.</summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly LiveFollower _process;

    private ServerProcess(LiveFollower process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Log => _process.Log;

    /// <summary>Starts it on <paramref name="workspace"/>, following <paramref name="logs"/>, and waits until it serves.</summary>
    public static ServerProcess Start(string workspace, string logs, params string[] more)
    {
        var process = LiveFollower.Start(workspace, logs, more);
        try
        {
            process.WaitFor("serving the web application and API at ");
            var url = ServingAt().Match(process.Log).Groups[1].Value;
            return new ServerProcess(process, new Uri(url + "/"));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public ApiClient Client() => new(Address);

    /// <summary>SIGTERM and the exit code.</summary>
    public int Stop() => _process.Stop();

    public void Dispose() => _process.Dispose();

    /// <summary>The line a server logs once it listens, with its address.</summary>
    [GeneratedRegex(@"serving the web application and API at (\S+)")]
    internal static partial Regex ServingAt();
}
