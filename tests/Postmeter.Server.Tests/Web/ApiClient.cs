using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Postmeter.Server.Tests.Web;

/// <summary>A browser's view of the API: one cookie jar, the CSRF token it was last given, JSON in and out.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string StrongPassword = "violet staple orbit 93 harbour";

    private readonly HttpClient _http;

    public ApiClient(Uri address, HttpMessageHandler? handler = null)
    {
        Handler = handler as HttpClientHandler ?? new HttpClientHandler { CookieContainer = Cookies, UseCookies = true };
        _http = new HttpClient(handler ?? Handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClientHandler Handler { get; }

    /// <summary>The CSRF token sent with every state-changing request.</summary>
    public string? Csrf { get; set; }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();

    /// <summary>Fetches a CSRF token for this cookie jar.</summary>
    public async Task<string> FetchCsrf()
    {
        var answer = await Json(await _http.GetAsync("api/v1/auth/csrf"));
        return Csrf = answer["token"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> Get(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> Post(string path, object? body, string? csrf = null) => Send(HttpMethod.Post, path, body, csrf);

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if ((csrf ?? Csrf) is { } token)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Registers the first administrator (fetching a CSRF token first) and keeps the session's token.</summary>
    public async Task<HttpResponseMessage> Register(string email = "admin@example.com", string name = "Ada Admin", string password = StrongPassword)
    {
        await FetchCsrf();
        var response = await Post("api/v1/auth/register", new { email, name, password });
        await KeepSessionToken(response);
        return response;
    }

    public async Task<HttpResponseMessage> Login(string email = "admin@example.com", string password = StrongPassword)
    {
        await FetchCsrf();
        var response = await Post("api/v1/auth/login", new { email, password });
        await KeepSessionToken(response);
        return response;
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new JsonException("empty body: " + text);
    }

    private async Task KeepSessionToken(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            Csrf = (await Json(response))["csrf_token"]?.GetValue<string>() ?? Csrf;
        }
    }
}
