using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Postmeter.Server.Accounts;
using Postmeter.Server.Api;
using Postmeter.Server.Cli;
using Postmeter.Server.Hosting;
using Postmeter.Server.InsightsHost;
using Postmeter.Server.Metrics;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Web;

/// <summary>
/// <c>postmeter</c> without <c>-importonly</c>: one ASP.NET Core host that ingests the logs (background services, as
/// an import does) and serves the web application and its API on Kestrel. SIGTERM stops taking requests, commits
/// what was read and exits 0.
/// </summary>
internal static partial class WebServer
{
    public static void Run(ImportPlan plan, CliContext context)
    {
        var web = plan.Web ?? throw new ArgumentException("The plan has no web host.", nameof(plan));
        using var store = context.OpenWorkspace(plan.Workspace, false);
        using var accounts = WorkspaceStores.OpenAccounts(plan.Workspace);
        using var insights = WorkspaceStores.OpenInsights(plan.Workspace);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "postmeter", ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddPostmeterLogging(context, plan.LogLevel);
        builder.Services.AddPostmeterStore(store);
        var metrics = new IngestMetrics(context.Clock);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddPostmeterIngest(plan, context, new CompositeImportObserver(context.ImportObserver, metrics));
        builder.AddPostmeterWeb(web, accounts, store.Location);
        builder.Services.AddPostmeterInsights(insights, web);
        using var app = builder.Build();
        app.UsePostmeterWeb(context.WebRoot);
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapTokensApi();
        app.MapAuditApi();
        app.MapSettingsApi();
        app.MapImportProgressApi();
        app.MapDashboardApi();
        app.MapDetectiveApi();
        app.MapMessagesApi();
        app.MapInsightsApi();
        app.MapNotificationsApi();
        app.MapApiDocumentation();
        app.MapMetricsApi();
        if (web.RegisteredUser is { } registered)
        {
            RegisteredUserProvisioning.Apply(
                accounts, registered, app.Services.GetRequiredService<PasswordHashing>(), app.Services.GetRequiredService<AuditTrail>(), context.Clock.GetUtcNow().UtcDateTime);
        }

        if (web.DefaultSettings is { } defaults && app.Services.GetRequiredService<SettingsStore>() is { IsEmpty: true } settings)
        {
            settings.Write(defaults);
            app.Services.GetRequiredService<AuditTrail>().Record(AuditTrail.CommandLine, null, "settings changed", "-default_settings");
        }

        accounts.DeleteExpiredSessions(context.Clock.GetUtcNow().UtcDateTime);
        var outcome = app.Services.GetRequiredService<ImportOutcome>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Postmeter.Web");
        app.Lifetime.ApplicationStarted.Register(() => Serving(log, Addresses(app)));
        using var stopping = context.Stop.Register(app.Lifetime.StopApplication);
        if (web.NoReverseProxyAcknowledged)
        {
            NothingToAcknowledge(log, web.TrustedProxies);
        }

        try
        {
            app.Run();
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"-listen {web.Listen}: cannot listen there ({e.Message}); expected a free port this user may open");
        }

        outcome.ThrowIfFailed();
    }

    private static string Addresses(WebApplication app) =>
        string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    [LoggerMessage(Level = LogLevel.Information, Message = "serving the web application and API at {Addresses}")]
    private static partial void Serving(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "-i_know_what_am_doing_not_using_a_reverse_proxy: nothing to acknowledge; forwarded headers are believed only from --trusted-proxies ({Proxies})")]
    private static partial void NothingToAcknowledge(ILogger logger, string proxies);
}
