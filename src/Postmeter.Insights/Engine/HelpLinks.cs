namespace Postmeter.Insights.Engine;

/// <summary>Where an admin reads how to handle an insight: the provider's own pages for its blocks, Postfix's documentation otherwise.</summary>
public static class HelpLinks
{
    private static readonly Dictionary<string, string> ByProvider = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Google"] = "https://support.google.com/mail/answer/81126",
        ["Microsoft"] = "https://sendersupport.olc.protection.outlook.com/pm/",
        ["Yahoo"] = "https://senders.yahooinc.com/",
        ["AOL"] = "https://senders.yahooinc.com/",
        ["Spamhaus"] = "https://check.spamhaus.org/",
        ["Mimecast"] = "https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes-1",
        ["ProofPoint"] = "https://ipcheck.proofpoint.com/",
    };

    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        ["high_bounce_rate"] = "https://www.postfix.org/postqueue.1.html",
        ["mail_inactivity"] = "https://www.postfix.org/DEBUG_README.html",
        ["provider_deferral_spike"] = "https://www.postfix.org/TUNING_README.html",
        ["reject_spike"] = "https://www.postfix.org/SMTPD_ACCESS_README.html",
        ["smtp_auth_attack"] = "https://www.postfix.org/SASL_README.html",
        ["deferred_backlog"] = "https://www.postfix.org/QSHAPE_README.html",
        ["dnsbl_listed"] = "https://www.rfc-editor.org/rfc/rfc5782",
    };

    /// <summary>The help link of an insight of <paramref name="type"/> about <paramref name="subject"/>, or null.</summary>
    public static Uri? For(string type, string subject) =>
        type == "blocked_by_provider"
            ? ByProvider.TryGetValue(subject, out var provider) ? new Uri(provider) : null
            : ByType.TryGetValue(type, out var link) ? new Uri(link) : null;
}
