using System.Net;
using System.Text;
using Postmeter.Server.Tests.Cli;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Tests.Web;

/// <summary>Accounts, sessions and their protections, over real HTTP against a real <c>postmeter</c> process.</summary>
public sealed class AuthApiTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_first_start_registers_one_administrator_who_is_signed_in_at_once()
    {
        using var server = Start();
        using var browser = server.Client();
        Assert.False((await ApiClient.Json(await browser.Get("api/v1/auth/status")))["registered"]!.GetValue<bool>());

        var withoutToken = await browser.Post("api/v1/auth/register", new { email = "admin@example.com", name = "Ada", password = ApiClient.StrongPassword });
        await browser.FetchCsrf();
        var weak = await browser.Post("api/v1/auth/register", new { email = "admin@example.com", name = "Ada", password = "adaadmin1" });
        var registered = await browser.Register();

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        Assert.Contains("too weak", (await ApiClient.Json(weak))["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("postmeter_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        var me = await ApiClient.Json(await browser.Get("api/v1/auth/me"));
        Assert.Equal(("admin@example.com", "admin"), (me["email"]!.GetValue<string>(), me["role"]!.GetValue<string>()));

        using var second = server.Client();
        Assert.Equal(HttpStatusCode.Forbidden, (await second.Register("other@example.com", "Eve")).StatusCode);
        Assert.True((await ApiClient.Json(await second.Get("api/v1/auth/status")))["registered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_wrong_password_signs_nobody_in()
    {
        using var server = Start();
        using var browser = server.Client();
        await browser.Register();

        var withoutToken = await browser.Post("api/v1/auth/logout", null, csrf: "forged");
        var logout = await browser.Post("api/v1/auth/logout", null);
        var afterLogout = await browser.Get("api/v1/auth/me");
        var wrong = await browser.Login(password: "not the password at all");
        var forgedLine = await browser.Login(email: "x\n2026-12-07T00:00:00Z INFO audit: admin@example.com from 10.0.0.1: login");
        var right = await browser.Login();

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal("application/problem+json", afterLogout.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forgedLine.StatusCode);
        Assert.DoesNotContain("from 10.0.0.1", server.Log, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("api/v1/auth/me")).StatusCode);
        Assert.Contains("audit: admin@example.com from 127.0.0.1: login failed", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiClient.StrongPassword, server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password at all", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_ins_lock_the_account_out_and_a_spoofed_forwarded_address_does_not_dodge_it()
    {
        // Loopback is not a trusted proxy here, so X-Forwarded-For from it must be ignored.
        using var server = Start("--trusted-proxies", "10.0.0.0/8");
        using (var admin = server.Client())
        {
            await admin.Register();
        }

        using var attacker = server.Client();
        await attacker.FetchCsrf();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            attacker.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            attacker.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await attacker.Post("api/v1/auth/login", new { email = "attacker-" + i + "@example.com", password = "guess" + i })).StatusCode);
        }

        var locked = await attacker.Post("api/v1/auth/login", new { email = "admin@example.com", password = ApiClient.StrongPassword });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), statuses.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("audit: admin@example.com from 127.0.0.1: login refused", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_server()
    {
        var workspace = _temp.Path("ws");
        var logs = Logs();
        using var browser = new ApiClient(new Uri("http://127.0.0.1/"));
        using (var first = ServerProcess.Start(workspace, logs))
        {
            using var client = first.Client();
            await client.Register();
            foreach (Cookie cookie in client.Cookies.GetAllCookies())
            {
                browser.Cookies.Add(new Cookie(cookie.Name, cookie.Value, "/", "127.0.0.1"));
            }

            Assert.Equal(0, first.Stop());
        }

        using var second = ServerProcess.Start(workspace, logs);
        using var again = second.Client();
        foreach (Cookie cookie in browser.Cookies.GetAllCookies())
        {
            again.Cookies.Add(second.Address, new Cookie(cookie.Name, cookie.Value));
        }

        var me = await again.Get("api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin@example.com", (await ApiClient.Json(me))["email"]!.GetValue<string>());
        var keys = Directory.GetFiles(Path.Combine(workspace, "keys"));
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }
    }

    [Fact]
    public async Task Hostile_requests_get_4xx_and_change_nothing_stored()
    {
        var workspace = _temp.Path("ws");
        using var server = ServerProcess.Start(workspace, Logs());
        using var browser = server.Client();
        await browser.Register();
        LiveWait(workspace);
        var before = CliRunner.Run(["messages", "--workspace", workspace]).Output;

        string[] bodies =
        [
            "{not json",
            """{"email":"admin@example.com","password":"x","role":"admin"}""",
            """{"email":"admin@example.com' OR '1'='1","password":"' OR 1=1 --"}""",
            """{"email":"admin\u0000@example.com","password":"a\u0000b"}""",
            "{\"email\":\"../../etc/passwd\",\"password\":\"" + new string('x', 5000) + "\"}",
            "[]",
            "null",
        ];
        var statuses = new List<int>();
        foreach (var body in bodies)
        {
            statuses.Add((int)(await browser.Post("api/v1/auth/login", body)).StatusCode);
            statuses.Add((int)(await browser.Post("api/v1/auth/register", body)).StatusCode);
        }

        using var invalidUtf8 = new ByteArrayContent([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
        invalidUtf8.Headers.ContentType = new("application/json");
        using var utf8Request = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/login") { Content = invalidUtf8 };
        utf8Request.Headers.Add("X-CSRF-Token", browser.Csrf);
        statuses.Add((int)(await browser.Http.SendAsync(utf8Request)).StatusCode);
        using var huge = new StringContent("{\"email\":\"" + new string('a', 10 << 20) + "\"}", Encoding.UTF8, "application/json");
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/login") { Content = huge };
        hugeRequest.Headers.Add("X-CSRF-Token", browser.Csrf);
        // As a browser or curl sends a large body: the server may refuse it before it is sent.
        hugeRequest.Headers.ExpectContinue = true;
        var hugeStatus = (int)(await browser.Http.SendAsync(hugeRequest)).StatusCode;
        statuses.Add((int)(await browser.Get("api/v1/auth/..%2f..%2fetc%2fpasswd")).StatusCode);
        statuses.Add((int)(await browser.Get("api/v1/auth/me%00")).StatusCode);
        var settingsBefore = await (await browser.Get("api/v1/settings")).Content.ReadAsStringAsync();
        string[] hostile = ["' OR 1=1 --", "../../../etc/passwd", "a\u0000b", new string('x', 10_000), "\udc00"];
        foreach (var value in hostile)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(value);
            statuses.Add((int)(await browser.Send(HttpMethod.Put, "api/v1/settings", "{\"general\":{\"language\":" + json + ",\"time_zone\":" + json + "}}")).StatusCode);
            statuses.Add((int)(await browser.Send(HttpMethod.Put, "api/v1/settings", "{\"notifications\":{\"webhooks\":[{\"url\":" + json + "}]}}")).StatusCode);
            statuses.Add((int)(await browser.Post("api/v1/users", "{\"email\":" + json + ",\"name\":" + json + ",\"password\":" + json + "}")).StatusCode);
            statuses.Add((int)(await browser.Send(HttpMethod.Put, "api/v1/users/1", "{\"email\":" + json + "}")).StatusCode);
            statuses.Add((int)(await browser.Get("api/v1/audit?limit=" + Uri.EscapeDataString(value))).StatusCode);
            statuses.Add((int)(await browser.Get("api/v1/audit?before=" + Uri.EscapeDataString(value))).StatusCode);
            statuses.Add((int)(await browser.Send(HttpMethod.Delete, "api/v1/users/" + Uri.EscapeDataString(value), null)).StatusCode);
        }

        Assert.All(statuses, status => Assert.InRange(status, 400, 499));
        Assert.Equal(413, hugeStatus);
        Assert.Equal(HttpStatusCode.OK, (await browser.Get("api/v1/auth/me")).StatusCode);
        Assert.Equal(before, CliRunner.Run(["messages", "--workspace", workspace]).Output);
        Assert.Equal(settingsBefore, await (await browser.Get("api/v1/settings")).Content.ReadAsStringAsync());
        Assert.Equal("admin@example.com\tAda Admin\tadmin\n", CliRunner.Run(["users", "list", "--workspace", workspace]).Output);
        using var accounts = WorkspaceStores.OpenAccounts(workspace);
        Assert.Equal(1, accounts.CountUsers());
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public async Task Health_checks_answer_without_a_session()
    {
        using var server = Start();
        using var client = server.Client();

        var live = await client.Get("livez");
        var ready = await client.Get("readyz");
        var alias = await client.Get("healthz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ready", (await ApiClient.Json(ready))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Equal(0, server.Stop());
        Assert.Contains("Importing has finished. Bye!", server.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "-listen", "8080" }, "-listen: '8080' is not an address to listen at")]
    [InlineData(new[] { "-listen", "example.com:http" }, "expected [HOST]:PORT")]
    [InlineData(new[] { "--tls-cert", "/etc/hostname" }, "--tls-cert and --tls-key go together")]
    [InlineData(new[] { "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem" }, "--tls-cert: no such file: /nonexistent/cert.pem")]
    [InlineData(new[] { "--trusted-proxies", "10.0.0.0/33" }, "--trusted-proxies: '10.0.0.0/33' is not a list of networks")]
    public void A_wrong_web_setting_is_one_clear_line_and_exit_2_before_anything_starts(string[] flags, string expected)
    {
        var workspace = _temp.Path("ws");

        var run = CliRunner.Run(["-workspace", workspace, "-watch_dir", Logs(), .. flags]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace));
    }

    private ServerProcess Start(params string[] more) => ServerProcess.Start(_temp.Path("ws"), Logs(), more);

    private string Logs() => LogFolders.WithRealLog(_temp);

    /// <summary>Waits until the follower has stored the whole fixture, so that what is stored no longer changes.</summary>
    private static void LiveWait(string workspace)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var expected = CliRunner.Run(["messages", FixturePaths.Seed42]).Lines.Length;
        while (CliRunner.Run(["messages", "--workspace", workspace]).Lines.Length < expected && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(200);
        }
    }
}
