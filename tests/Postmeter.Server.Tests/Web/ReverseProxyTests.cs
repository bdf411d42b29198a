namespace Postmeter.Server.Tests.Web;

/// <summary>Forwarded headers: believed from a trusted proxy (sub-path and client address), ignored from anyone else.</summary>
public sealed class ReverseProxyTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new string[0], "/postmeter", "203.0.113.9")]
    [InlineData(new[] { "--trusted-proxies", "none" }, "/", "127.0.0.1")]
    [InlineData(new[] { "--trusted-proxies", "10.0.0.0/8" }, "/", "127.0.0.1")]
    public async Task The_sub_path_and_the_client_address_come_from_a_trusted_proxy_only(string[] flags, string cookiePath, string clientAddress)
    {
        var logs = LogFolders.Empty(_temp);
        using var server = ServerProcess.Start(_temp.Path("ws"), logs, flags);
        using var browser = server.Client();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/postmeter");
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        var csrf = await browser.Get("api/v1/auth/csrf");
        // The proxy would send the cookie back under its prefix; here it is sent by hand.
        var cookie = csrf.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("postmeter_csrf=", StringComparison.Ordinal));
        browser.Http.DefaultRequestHeaders.Add("Cookie", cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
        browser.Csrf = (await ApiClient.Json(csrf))["token"]!.GetValue<string>();
        await browser.Post("api/v1/auth/login", new { email = "nobody@example.com", password = "wrong" });

        Assert.Contains($"path={cookiePath};", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"audit: nobody@example.com from {clientAddress}: login failed", server.Log, StringComparison.Ordinal);
    }
}
