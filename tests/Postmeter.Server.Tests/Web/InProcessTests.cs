using System.Net;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Web;

/// <summary>The server in this test's process (real Kestrel on loopback, real workspace, real log), as a host embeds it.</summary>
public sealed class InProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task In_process_it_registers_serves_and_stops_cleanly_with_everything_committed()
    {
        var logs = LogFolders.WithRealLog(_temp);
        var workspace = _temp.Path("ws");
        using var server = await InProcessServer.Start("-workspace", workspace, "-watch_dir", logs, "-log_level", "INFO");
        using var browser = server.Client();

        var registered = await browser.Register();
        var me = await ApiClient.Json(await browser.Get("api/v1/auth/me"));
        var ready = await browser.Get("readyz");
        var exit = await server.Stop();

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("admin", me["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, exit);
        Assert.Contains("Importing has finished. Bye!", server.Log, StringComparison.Ordinal);
        Assert.Equal(CliRunner.Run(["messages", FixturePaths.Seed42]).Output, CliRunner.Run(["messages", "--workspace", workspace]).Output);
    }
}
