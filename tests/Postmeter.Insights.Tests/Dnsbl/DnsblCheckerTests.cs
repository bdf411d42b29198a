using System.Net;
using Postmeter.Insights.Dnsbl;

namespace Postmeter.Insights.Tests.Dnsbl;

/// <summary>DNSBL checks against a real DNS server (dnsmasq) on 127.0.0.1.</summary>
public sealed class DnsblCheckerTests
{
    private static readonly IPAddress Listed = IPAddress.Parse("192.0.2.99");

    private static readonly IReadOnlyList<DnsblZone> Zones = DnsblZone.Parse(new StringReader("""
        bl.example.test
        filtered.example.test=127.0.0.[10..14]
        clean.example.test
        refusing.example.test
        unknown.example.test
        """), "test-zones.txt");

    [Fact]
    public async Task A_listing_is_found_with_its_reason_and_a_refusal_or_a_failure_is_an_error_never_a_listing()
    {
        using var dns = Dnsmasq.Start(
            ["bl.example.test", "filtered.example.test", "clean.example.test", "refusing.example.test"],
            [
                ("99.2.0.192.bl.example.test", "127.0.0.2"),
                ("99.2.0.192.filtered.example.test", "127.0.0.2"),
                ("99.2.0.192.refusing.example.test", "127.255.255.254"),
            ],
            [("99.2.0.192.bl.example.test", "Listed: see https://bl.example.test/lookup")]);
        var checker = new DnsblChecker(DnsblChecker.Resolver([dns.Endpoint], TimeSpan.FromSeconds(2)), concurrency: 2);

        var answers = (await checker.CheckAsync(Listed, Zones, CancellationToken.None)).ToDictionary(a => a.Zone.Name);
        var clean = await checker.CheckAsync(IPAddress.Parse("192.0.2.1"), Zones, CancellationToken.None);

        Assert.Equal(DnsblVerdict.Listed, answers["bl.example.test"].Verdict);
        Assert.Equal([IPAddress.Parse("127.0.0.2")], answers["bl.example.test"].Addresses);
        Assert.Equal("Listed: see https://bl.example.test/lookup", answers["bl.example.test"].Reason);
        Assert.Equal(DnsblVerdict.NotListed, answers["filtered.example.test"].Verdict);
        Assert.Equal(DnsblVerdict.NotListed, answers["clean.example.test"].Verdict);
        Assert.Equal(DnsblVerdict.Failed, answers["refusing.example.test"].Verdict);
        Assert.Contains("127.255.255.254", answers["refusing.example.test"].Reason, StringComparison.Ordinal);
        // A zone the server does not serve and cannot forward: its refusal is a failure of the check.
        Assert.Equal(DnsblVerdict.Failed, answers["unknown.example.test"].Verdict);
        Assert.All(clean.Where(a => a.Zone.Name != "unknown.example.test"), a => Assert.Equal(DnsblVerdict.NotListed, a.Verdict));
    }

    [Fact]
    public async Task A_resolver_that_does_not_answer_fails_the_check_in_its_timeout()
    {
        var silent = new IPEndPoint(IPAddress.Loopback, 9);
        var checker = new DnsblChecker(DnsblChecker.Resolver([silent], TimeSpan.FromMilliseconds(300)));

        var answers = await checker.CheckAsync(Listed, Zones.Take(2).ToList(), CancellationToken.None);

        Assert.All(answers, a => Assert.Equal(DnsblVerdict.Failed, a.Verdict));
        Assert.All(answers, a => Assert.StartsWith("no answer from the resolver", a.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.0.2.99", "99.2.0.192")]
    [InlineData("::ffff:192.0.2.99", "99.2.0.192")]
    [InlineData("2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2")]
    public void An_address_is_asked_reversed(string address, string reversed) =>
        Assert.Equal(reversed, DnsblChecker.Reversed(IPAddress.Parse(address)));

    [Fact]
    public void The_shipped_zones_parse_and_spamhaus_counts_only_its_listing_codes()
    {
        var spamhaus = DnsblZone.Default.Single(z => z.Name == "zen.spamhaus.org");

        Assert.True(DnsblZone.Default.Count >= 5);
        Assert.True(spamhaus.Lists(IPAddress.Parse("127.0.0.2")));
        Assert.True(spamhaus.Lists(IPAddress.Parse("127.0.0.11")));
        Assert.False(spamhaus.Lists(IPAddress.Parse("127.0.0.12")));
        Assert.False(spamhaus.Lists(IPAddress.Parse("127.255.255.254")));
        Assert.False(DnsblZone.Parse(new StringReader("any.example.test"), "z").Single().Lists(IPAddress.Parse("127.255.255.255")));
        Assert.True(DnsblZone.Parse(new StringReader("any.example.test"), "z").Single().Lists(IPAddress.Parse("127.0.0.4")));
    }

    [Theory]
    [InlineData("not a zone", "z.txt:1", "is not a DNS zone")]
    [InlineData("# c\nbl.example.test=127.0.0", "z.txt:2", "is not an answer pattern")]
    [InlineData("bl.example.test=127.0.0.[9..2]", "z.txt:1", "is not an answer pattern")]
    [InlineData("bl.example.test=127.0.0.300", "z.txt:1", "is not an answer pattern")]
    public void A_wrong_line_is_reported_with_its_file_and_line(string text, string where, string what)
    {
        var error = Assert.Throws<FormatException>(() => DnsblZone.Parse(new StringReader(text), "z.txt"));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }
}
