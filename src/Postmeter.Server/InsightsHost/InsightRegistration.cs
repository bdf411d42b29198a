using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Postmeter.Core.Classification;
using Postmeter.Insights.Detectors;
using Postmeter.Insights.Dnsbl;
using Postmeter.Insights.Engine;
using Postmeter.Insights.Notifications;
using Postmeter.Server.Web;
using Postmeter.Server.WorkspaceSettings;
using Postmeter.Storage;
using Postmeter.Storage.Dashboard;
using Postmeter.Storage.Detective;
using Postmeter.Storage.Insights;

namespace Postmeter.Server.InsightsHost;

/// <summary>The insights engine, its detectors and the notification delivery, as services of the web host.</summary>
internal static class InsightRegistration
{
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DnsTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddPostmeterInsights(this IServiceCollection services, IInsightStore insights, WebOptions web)
    {
        services.AddSingleton(insights);
        services.AddSingleton(_ => new HttpClient { Timeout = HttpTimeout });
        services.AddSingleton<NotificationChannels>();
        services.AddSingleton<INotificationRouter>(provider => provider.GetRequiredService<NotificationChannels>());
        services.AddSingleton(provider =>
        {
            var channels = provider.GetRequiredService<NotificationChannels>();
            return new NotificationDispatcher(insights, channels.Channel, channels.Notice, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var dashboard = provider.GetRequiredService<IDashboardQueries>();
            var settings = provider.GetRequiredService<SettingsStore>();
            var dnsbl = new DnsblChecker(DnsblChecker.Resolver(web.DnsResolvers, DnsTimeout));
            IReadOnlyList<IDetector> detectors =
            [
                new HighBounceRate(dashboard),
                new MailInactivity(dashboard),
                new BlockedByProvider(dashboard),
                new ProviderDeferralSpike(dashboard, provider.GetRequiredService<ProviderGroups>()),
                new RejectSpike(dashboard),
                new SmtpAuthAttack(dashboard),
                new DeferredBacklog(provider.GetRequiredService<IDetectiveQueries>()),
                new DnsblListing(dnsbl, web.DnsblZones, () => PublicAddress(settings)),
                new DetectiveEscalations(provider.GetRequiredService<IEscalationStore>(), insights),
                new Welcome(insights),
            ];
            var log = provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Postmeter.Insights");
            return new InsightEngine(insights, detectors, provider.GetRequiredService<INotificationRouter>(), (type, e) => InsightLog.DetectorFailed(log, type, e.Message));
        });
        services.AddSingleton(provider => new InsightRunner(
            provider.GetRequiredService<InsightEngine>(), insights, provider.GetRequiredService<IDashboardQueries>(), provider.GetRequiredService<IWorkspaceMaintenance>()));
        services.AddHostedService<InsightService>();
        services.AddHostedService<NotificationService>();
        return services;
    }

    private static IPAddress? PublicAddress(SettingsStore settings) =>
        settings.Stored().General?.PostfixPublicIp is { Length: > 0 } text && IPAddress.TryParse(text, out var address) ? address : null;
}
