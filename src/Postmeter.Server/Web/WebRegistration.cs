using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Postmeter.Server.Accounts;
using Postmeter.Server.Api;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Web;

/// <summary>The web host's services and middleware, a concern at a time.</summary>
internal static class WebRegistration
{
    /// <summary>The largest request body any endpoint takes.</summary>
    public const long MaxRequestBytes = 1 << 20;

    /// <summary>Sign-in and registration requests a client address may make per minute (failed sign-ins have their own, stricter count).</summary>
    public const int AuthRequestsPerMinute = 30;

    public static WebApplicationBuilder AddPostmeterWeb(this WebApplicationBuilder builder, WebOptions web, IAccountStore accounts, string workspace)
    {
        builder.Services.AddSingleton(accounts);
        builder.Services.AddSingleton(accounts as Storage.Detective.IEscalationStore
            ?? throw new ArgumentException("the account store keeps no escalations", nameof(accounts)));
        builder.Services.AddSingleton(web.ProviderGroups);
        builder.Services.AddHostedService<Hosting.DashboardWarmer>();
        builder.Services.AddPostmeterAuthentication(workspace);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.LimitKey(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = AuthRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(DetectiveApi.PublicRateLimitPolicy, PublicDetective.Limit);
        });
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOptions<WebOptions>().Configure(o => Copy(web, o)).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebOptions>, WebOptionsValidator>();
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddPostmeterApiDocumentation();
        builder.Services.AddSingleton(provider => new WorkspaceSettings.SettingsStore(
            accounts, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions));
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, web));
        return builder;
    }

    /// <summary>The middleware, with the web UI's files from <paramref name="webRoot"/> unless <c>--headless</c>.</summary>
    public static WebApplication UsePostmeterWeb(this WebApplication app, string webRoot)
    {
        var web = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value;
        // With no trusted proxy the middleware stays out: given empty lists, it would believe every peer.
        if (ForwardedHeaders(web) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.Use(static (context, next) =>
        {
            // Nothing of Postmeter is meant to be framed, sniffed or to leak its URLs (which may hold addresses) elsewhere.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseStatusCodePages();
        var ui = !web.Headless && WebUi.TryUseFiles(app, webRoot, out var files) ? files : null;
        app.UseRouting();
        if (ui is not null)
        {
            // Before authentication: the pages themselves are public (the app asks the API who is signed in).
            WebUi.UseFallback(app, ui);
        }

        app.Use(FreshSessionOnLogin.Strip);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, WebOptions web)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
        // Room for a search with long terms, so that an over-long address gets the API's own answer (422) rather than 414.
        kestrel.Limits.MaxRequestLineSize = 16 * 1024;
        if (!HttpListenAddress.TryParse(web.Listen, out var address))
        {
            throw new InvalidOperationException($"-listen {web.Listen} was not checked before the host started.");
        }

        void Configure(ListenOptions listen)
        {
            if (web is { TlsCertificate: { } certificate, TlsKey: { } key })
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(X509Certificate2.CreateFromPemFile(certificate, key));
            }
        }

        if (address.Localhost)
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (address.Address is { } ip)
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }

    /// <summary>X-Forwarded-For, -Proto and -Prefix, believed from the trusted proxies only (a chain of them is walked back); null when none is trusted.</summary>
    private static ForwardedHeadersOptions? ForwardedHeaders(WebOptions web)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedPrefix,
            ForwardLimit = null,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        if (!TrustedNetworks.TryParse(web.TrustedProxies, out var networks))
        {
            throw new InvalidOperationException($"--trusted-proxies {web.TrustedProxies} was not checked before the host started.");
        }

        if (networks.Count == 0)
        {
            return null;
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    private static void Copy(WebOptions from, WebOptions to)
    {
        to.Listen = from.Listen;
        to.Headless = from.Headless;
        to.TlsCertificate = from.TlsCertificate;
        to.TlsKey = from.TlsKey;
        to.TrustedProxies = from.TrustedProxies;
        to.AllowMultipleUsers = from.AllowMultipleUsers;
        to.MetricsPublic = from.MetricsPublic;
        to.NoReverseProxyAcknowledged = from.NoReverseProxyAcknowledged;
        to.RegisteredUser = from.RegisteredUser;
        to.DefaultSettings = from.DefaultSettings;
        to.ProviderGroups = from.ProviderGroups;
        to.DnsblZones = from.DnsblZones;
        to.DnsResolvers = from.DnsResolvers;
    }
}
