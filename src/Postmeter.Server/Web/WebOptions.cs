namespace Postmeter.Server.Web;

/// <summary>The web host's settings, bound once from the settings table and checked at start (<see cref="WebOptionsValidator"/>).</summary>
internal sealed class WebOptions
{
    public string Listen { get; set; } = ":8080";

    public bool Headless { get; set; }

    public string? TlsCertificate { get; set; }

    public string? TlsKey { get; set; }

    public string TrustedProxies { get; set; } = "127.0.0.0/8,::1/128";

    public bool AllowMultipleUsers { get; set; }

    public bool MetricsPublic { get; set; }

    /// <summary>The rules the dashboard groups recipient domains by (the shipped ones, or extended by --provider-groups).</summary>
    public Core.Classification.ProviderGroups ProviderGroups { get; set; } = Core.Classification.ProviderGroups.Default;

    /// <summary>The DNS blocklists the public address is checked against (the shipped ones, or --dnsbl-zones).</summary>
    public IReadOnlyList<Insights.Dnsbl.DnsblZone> DnsblZones { get; set; } = Insights.Dnsbl.DnsblZone.Default;

    /// <summary>The DNS servers of the blocklist checks (--dns-resolver); empty: the system's.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> DnsResolvers { get; set; } = [];

    /// <summary>Lightmeter's <c>-i_know_what_am_doing_not_using_a_reverse_proxy</c> was given (only logged).</summary>
    public bool NoReverseProxyAcknowledged { get; set; }

    /// <summary>The administrator to have at start (<c>-registered_user_*</c>), or null.</summary>
    public RegisteredUser? RegisteredUser { get; set; }

    /// <summary><c>-default_settings</c>: the settings a new workspace starts with, or null.</summary>
    public Api.SettingsDocument? DefaultSettings { get; set; }

    public bool UsesTls => TlsCertificate is not null;
}

/// <summary>The administrator a deployment provisions at start (Lightmeter's <c>-registered_user_email/_name/_password</c>).</summary>
internal sealed record RegisteredUser(string Email, string Name, string Password)
{
    // The password stays out of logs and exception texts.
    public override string ToString() => $"{Name} <{Email}>";
}
