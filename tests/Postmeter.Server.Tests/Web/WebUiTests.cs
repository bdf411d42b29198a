using System.Net;

namespace Postmeter.Server.Tests.Web;

/// <summary>
/// The web UI's files as the server serves them: the app at <c>/</c> and at every page address (a deep link), hashed
/// assets cached for good, the API's own 404 for an unknown <c>/api/…</c>, and no UI at all with <c>--headless</c>.
/// The UI here is a stand-in web root, so that these tests need no Node.js build.
/// </summary>
public sealed class WebUiTests : IDisposable
{
    private const string IndexHtml = "<!doctype html><html><head><script type=\"module\" src=\"/assets/index-0a1b2c3d.js\"></script></head><body><div id=\"app\"></div></body></html>";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WebRoot()
    {
        var root = _temp.Path("wwwroot");
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        File.WriteAllText(Path.Combine(root, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(root, "assets", "index-0a1b2c3d.js"), "console.log('postmeter')");
        return root;
    }

    private Task<InProcessServer> Serve(params string[] extra) =>
        InProcessServer.StartWithWebRoot(WebRoot(), ["-workspace", _temp.Path("ws"), "-watch_dir", LogFolders.Empty(_temp), .. extra]);

    [Fact]
    public async Task The_app_is_served_at_the_root_and_at_a_deep_link_with_its_security_policy_and_no_cache()
    {
        using var server = await Serve();
        using var browser = server.Client();

        var root = await browser.Get("");
        var deepLink = await browser.Get("detective?sender=x");
        var message = await browser.Get("messages/qbWFpbApwb3N0Zml4CjkyRUIwRjAyQUE");

        foreach (var page in new[] { root, deepLink, message })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal(IndexHtml, await page.Content.ReadAsStringAsync());
            Assert.True(page.Headers.CacheControl?.NoCache);
            Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_a_missing_file_is_not_the_app()
    {
        using var server = await Serve();
        using var browser = server.Client();
        await browser.Register();

        var asset = await browser.Get("assets/index-0a1b2c3d.js");
        var missing = await browser.Get("assets/index-ffffffff.js");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("console.log('postmeter')", await asset.Content.ReadAsStringAsync());
        Assert.True(asset.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_address_stays_the_api_json_404_and_api_routes_still_answer()
    {
        using var server = await Serve();
        using var browser = server.Client();
        await browser.Register();

        var unknown = await browser.Get("api/v1/nope");
        var status = await browser.Get("api/v1/auth/status");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True((await ApiClient.Json(status))["registered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Headless_serves_no_ui()
    {
        using var server = await Serve("--headless");
        using var browser = server.Client();
        await browser.Register();

        var root = await browser.Get("");
        var deepLink = await browser.Get("detective?sender=x");
        var asset = await browser.Get("assets/index-0a1b2c3d.js");
        var status = await browser.Get("api/v1/auth/status");

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deepLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
