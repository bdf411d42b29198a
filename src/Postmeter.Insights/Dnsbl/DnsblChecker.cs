using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Postmeter.Insights.Dnsbl;

/// <summary>
/// Asks DNS blocklists whether they list an address: the A record of the reversed address under each zone
/// (NXDOMAIN: not listed), then the TXT record of a listing for its reason. At most <paramref name="concurrency"/>
/// questions at a time. A refused query (Spamhaus's 127.255.255.x), a timeout or a server failure is an error of the
/// check, reported as such: never a listing.
/// </summary>
public sealed class DnsblChecker(ILookupClient dns, int concurrency = 4)
{
    /// <summary>A resolver at <paramref name="servers"/> (none: the system's), each question given <paramref name="timeout"/>.</summary>
    public static ILookupClient Resolver(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout)
    {
        var options = servers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions([.. servers]);
        options.Timeout = timeout;
        options.Retries = 1;
        options.UseCache = true;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        return new LookupClient(options);
    }

    public async Task<IReadOnlyList<DnsblAnswer>> CheckAsync(IPAddress address, IReadOnlyList<DnsblZone> zones, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(zones);
        var reversed = Reversed(address);
        using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        var checks = zones.Select(async zone =>
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                return await AskAsync($"{reversed}.{zone.Name}", zone, cancel).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(checks).ConfigureAwait(false);
    }

    /// <summary>The name an address is asked by: IPv4 octets reversed, IPv6 nibbles reversed (RFC 5782).</summary>
    public static string Reversed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).GetAddressBytes();
        return bytes.Length == 4
            ? string.Join('.', bytes.Reverse())
            : string.Join('.', bytes.Reverse().SelectMany(b => new[] { b & 0xF, b >> 4 }).Select(n => n.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async Task<DnsblAnswer> AskAsync(string name, DnsblZone zone, CancellationToken cancel)
    {
        IDnsQueryResponse response;
        try
        {
            response = await dns.QueryAsync(name, QueryType.A, QueryClass.IN, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DnsResponseException or SocketException or TimeoutException)
        {
            return DnsblAnswer.Failed(zone, $"no answer from the resolver ({e.Message})");
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return DnsblAnswer.NotListed(zone);
        }

        if (response.HasError)
        {
            return DnsblAnswer.Failed(zone, $"the resolver answered {response.Header.ResponseCode}");
        }

        var answers = response.Answers.ARecords().Select(a => a.Address).ToList();
        if (answers.Count == 0)
        {
            return DnsblAnswer.NotListed(zone);
        }

        if (answers.FirstOrDefault(DnsblZone.IsErrorCode) is { } refusal)
        {
            return DnsblAnswer.Failed(zone, $"the list refused the query ({refusal}: a public or open resolver, or too many queries); use a resolver of your own");
        }

        var listing = answers.Where(zone.Lists).ToList();
        if (listing.Count == 0)
        {
            return DnsblAnswer.NotListed(zone);
        }

        return DnsblAnswer.Listed(zone, listing, await ReasonAsync(name, cancel).ConfigureAwait(false));
    }

    private async Task<string?> ReasonAsync(string name, CancellationToken cancel)
    {
        try
        {
            var response = await dns.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancel).ConfigureAwait(false);
            var text = string.Join(" ", response.Answers.TxtRecords().SelectMany(t => t.Text));
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is DnsResponseException or SocketException or TimeoutException)
        {
            return null;
        }
    }
}

/// <summary>One zone's answer about an address.</summary>
/// <param name="Addresses">The answers that count as a listing (listed only).</param>
/// <param name="Reason">The list's TXT record for a listing, or why the check failed.</param>
public sealed record DnsblAnswer(DnsblZone Zone, DnsblVerdict Verdict, IReadOnlyList<IPAddress> Addresses, string? Reason)
{
    public static DnsblAnswer NotListed(DnsblZone zone) => new(zone, DnsblVerdict.NotListed, [], null);

    public static DnsblAnswer Listed(DnsblZone zone, IReadOnlyList<IPAddress> addresses, string? reason) => new(zone, DnsblVerdict.Listed, addresses, reason);

    public static DnsblAnswer Failed(DnsblZone zone, string why) => new(zone, DnsblVerdict.Failed, [], why);
}

public enum DnsblVerdict
{
    NotListed,
    Listed,

    /// <summary>No usable answer: a timeout, a server failure, or the list refusing the query.</summary>
    Failed,
}
