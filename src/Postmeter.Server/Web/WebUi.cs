using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Postmeter.Server.Web;

/// <summary>
/// The web UI (the Vue app <c>web/</c> builds into <c>wwwroot</c>): its files, and <c>index.html</c> for every other
/// page address (<c>/detective?sender=…</c>, <c>/messages/ID</c>), so that a link or a reload opens the app there.
/// The API keeps its own answers: an unknown <c>/api/…</c> address is still the API's 404 (or 401).
/// </summary>
internal static class WebUi
{
    /// <summary>What the app needs and no more: its own scripts, styles and API, no inline script, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Vite names every built asset by its content's hash: it never changes, so browsers keep it for a year.</summary>
    private const string HashedAssets = "/assets/";

    /// <summary>The UI's files from <paramref name="webRoot"/>, before routing; false when it holds no built UI (a build with <c>-p:SkipWebBuild=true</c>).</summary>
    public static bool TryUseFiles(WebApplication app, string webRoot, out IFileProvider files)
    {
        files = new NullFileProvider();
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            return false;
        }

        files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.CacheControl = file.Context.Request.Path.StartsWithSegments(HashedAssets.TrimEnd('/'), StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            },
        });
        return true;
    }

    /// <summary>After routing: a GET of a page address that no endpoint took gets <c>index.html</c>.</summary>
    public static void UseFallback(WebApplication app, IFileProvider files) =>
        app.Use((context, next) => IsPageAddress(context) && files.GetFileInfo("index.html") is { Exists: true } index
            ? SendIndex(context, index)
            : next(context));

    /// <summary>A GET or HEAD no endpoint matched, outside the API, whose last segment is not a file name (a missing <c>x.js</c> stays a 404).</summary>
    internal static bool IsPageAddress(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || context.GetEndpoint() is not null)
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var last = path[(path.LastIndexOf('/') + 1)..];
        return !last.Contains('.', StringComparison.Ordinal);
    }

    private static Task SendIndex(HttpContext context, IFileInfo index)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.ContentLength = index.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.SendFileAsync(index, context.RequestAborted);
    }
}
