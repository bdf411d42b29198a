using System.Net;
using Postmeter.Insights.Dnsbl;
using Postmeter.Insights.Engine;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>dnsbl_listed</c>: the mail server's public address (general settings) is listed by one of the DNS blocklists of
/// the zone list. Checked every 3 hours, live only; a check where every list failed to answer says nothing and leaves
/// the insight as it was.
/// </summary>
public sealed class DnsblListing(DnsblChecker checker, IReadOnlyList<DnsblZone> zones, Func<IPAddress?> publicAddress) : IDetector
{
    public string Type => "dnsbl_listed";

    public string Category => "local";

    public TimeSpan Interval => TimeSpan.FromHours(3);

    public bool RunsOverHistory => false;

    public bool FindsEvents => false;

    public async Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (publicAddress() is not { } address)
        {
            return [];
        }

        var answers = await checker.CheckAsync(address, zones, cancel).ConfigureAwait(false);
        if (answers.Count > 0 && answers.All(a => a.Verdict == DnsblVerdict.Failed))
        {
            return null;
        }

        List<Listing> listed = [.. answers.Where(a => a.Verdict == DnsblVerdict.Listed).Select(a => new Listing(a.Zone.Name, a.Reason, [.. a.Addresses.Select(c => c.ToString())]))];
        List<Listing> failed = [.. answers.Where(a => a.Verdict == DnsblVerdict.Failed).Select(a => new Listing(a.Zone.Name, a.Reason, []))];
        return listed.Count == 0
            ? []
            : [new Finding(address.ToString(), "bad", new Content(address.ToString(), listed, answers.Count, failed))];
    }

    /// <param name="Checked">Zones asked.</param>
    /// <param name="Failed">Zones that did not answer properly (not counted as listings).</param>
    public sealed record Content(string Address, IReadOnlyList<Listing> Listed, int Checked, IReadOnlyList<Listing> Failed);

    /// <param name="Reason">The list's TXT reason, or why the question failed.</param>
    /// <param name="Codes">The A answers that listed it.</param>
    public sealed record Listing(string Zone, string? Reason, IReadOnlyList<string> Codes);
}
