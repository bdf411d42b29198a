using System.Net;
using System.Text.Json;
using Postmeter.Core.Classification;
using Postmeter.Core.Parsing;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;
using Postmeter.Insights.Detectors;
using Postmeter.Insights.Dnsbl;
using Postmeter.Insights.Engine;
using Postmeter.Storage;
using Postmeter.Storage.Insights;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Insights.Tests.Engine;

/// <summary>
/// A real workspace (SQLite files in a temporary folder) that real Postfix logs are imported into with the importer,
/// and the insights engine over it with every detector, routing every insight to the channels it is given.
/// </summary>
internal sealed class InsightWorkspace : IDisposable
{
    private static readonly ImportSettings Settings = new(LogFormat.Default, 2026, TimeZoneInfo.Utc) { CommitRecords = 50 };

    private readonly TempFolder _temp = new();

    public InsightWorkspace(IReadOnlyCollection<string>? channels = null, DnsblChecker? dnsbl = null, IReadOnlyList<DnsblZone>? zones = null, IPAddress? publicAddress = null)
    {
        Store = WorkspaceStores.Open(_temp.Path("ws"), readOnly: false);
        Insights = WorkspaceStores.OpenInsights(_temp.Path("ws"));
        var escalations = WorkspaceStores.OpenAccounts(_temp.Path("ws"));
        Accounts = escalations;
        List<IDetector> detectors =
        [
            new HighBounceRate(Store), new MailInactivity(Store), new BlockedByProvider(Store), new ProviderDeferralSpike(Store, ProviderGroups.Default),
            new RejectSpike(Store), new SmtpAuthAttack(Store), new DeferredBacklog(Store), new Welcome(Insights),
            new DetectiveEscalations((Storage.Detective.IEscalationStore)escalations, Insights),
        ];
        if (dnsbl is not null)
        {
            detectors.Add(new DnsblListing(dnsbl, zones ?? DnsblZone.Default, () => publicAddress));
        }

        Engine = new InsightEngine(Insights, detectors, new AllTo(channels ?? []));
        Runner = new InsightRunner(Engine, Insights, Store, Store);
    }

    public IWorkspaceStore Store { get; }

    public IInsightStore Insights { get; }

    public Storage.Accounts.IAccountStore Accounts { get; }

    public InsightEngine Engine { get; }

    public InsightRunner Runner { get; }

    /// <summary>Imports logs, oldest first, as the importer does.</summary>
    public void Import(params string[] logs) =>
        new WorkspaceImporter(Store, Settings, TimeProvider.System).Import([.. logs.Select(LogInput.File)], () => Stream.Null);

    /// <summary>The newest log time imported.</summary>
    public DateTime NewestLogTime => Store.NewestLogTime() ?? throw new InvalidOperationException("nothing imported");

    public IReadOnlyList<Insight> All() => Insights.Read(new InsightFilter(null, null, null, null, null, null, 1000));

    public IReadOnlyList<Insight> OfType(string type) => [.. All().Where(i => i.Type == type)];

    public static JsonElement Content(Insight insight) => JsonDocument.Parse(insight.Content).RootElement;

    public void Dispose()
    {
        Accounts.Dispose();
        Insights.Dispose();
        Store.Dispose();
        _temp.Dispose();
    }

    private sealed class AllTo(IReadOnlyCollection<string> channels) : INotificationRouter
    {
        public IReadOnlyCollection<string> ChannelsFor(string type, string rating, string category) => channels;
    }
}
