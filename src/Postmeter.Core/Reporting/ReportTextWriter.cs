using System.Globalization;

namespace Postmeter.Core.Reporting;

/// <summary>Renders a <see cref="Report"/> as plain text for a terminal or a daily e-mail.</summary>
public static class ReportTextWriter
{
    public static void Write(Report report, TextWriter w)
    {
        var t = report.Totals;
        w.WriteLine("Postmeter report");
        w.WriteLine($"  period: {Time(report.From)} to {Time(report.To)} (UTC)");
        if (report.PostfixVersion is not null)
        {
            w.WriteLine($"  Postfix version: {report.PostfixVersion}");
        }

        Section(w, "Grand totals");
        w.WriteLine("messages");
        Row(w, "received", t.Received, $"over SMTP {N(t.ReceivedOverSmtp)}, local submission {N(t.ReceivedLocally)}");
        Row(w, "notifications created", t.Notifications, "bounce, delay and success notices Postfix wrote");
        Row(w, "returned to sender", t.ReturnedToSender);
        Row(w, "held", t.Held);
        Row(w, "incomplete", t.Incomplete, "still queued when the logs end, or end never logged");
        Row(w, "outbound / inbound / local", $"{N(t.Outbound)} / {N(t.Inbound)} / {N(t.Local)}");
        w.WriteLine("recipients (fates)");
        var fates = t.Delivered + t.Bounced + t.Deferred + t.Expired + t.Discarded;
        Row(w, "delivered", t.Delivered, Percent(t.Delivered, fates));
        Row(w, "bounced", t.Bounced, Percent(t.Bounced, fates));
        Row(w, "expired", t.Expired, Percent(t.Expired, fates));
        Row(w, "deferred (still queued)", t.Deferred, Percent(t.Deferred, fates));
        Row(w, "discarded", t.Discarded, Percent(t.Discarded, fates));
        Row(w, "deferral attempts", t.DeferralAttempts, $"{N(t.DelayedRecipients)} recipients were deferred at least once");
        Row(w, "rejected", t.Rejected, Percent(t.Rejected, t.Rejected + t.Received));
        w.WriteLine("volume");
        Row(w, "bytes received", Bytes(t.BytesReceived));
        Row(w, "bytes delivered", Bytes(t.BytesDelivered));
        Row(w, "senders", t.Senders, $"{N(t.SendingDomains)} domains");
        Row(w, "recipients", t.RecipientAddresses, $"{N(t.RecipientDomainCount)} domains");
        w.WriteLine("connections");
        Row(w, "SMTP connections", t.SmtpConnections);
        Row(w, "SASL logins", t.SaslLogins);
        Row(w, "SASL failures", t.SaslFailures);
        Row(w, "warnings", t.Warnings);

        Section(w, "Per-day traffic (UTC)");
        w.WriteLine($"  {"date",-12}{"received",10}{"delivered",11}{"deferred",10}{"bounced",9}{"expired",9}{"rejected",10}");
        foreach (var d in report.PerDay)
        {
            w.WriteLine($"  {d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),-12}{N(d.Received),10}{N(d.Delivered),11}{N(d.Deferred),10}{N(d.Bounced),9}{N(d.Expired),9}{N(d.Rejected),10}");
        }

        Domains(w, "Recipient domains", report.RecipientDomains);
        Domains(w, "Sender domains", report.SenderDomains);
        Keys(w, "Senders (messages)", report.Senders);
        Keys(w, "Recipients (deliveries)", report.Recipients);
        Reasons(w, "Bounce reasons", report.BounceReasons);
        Reasons(w, "Deferral reasons (attempts)", report.DeferralReasons);
        Reasons(w, "Reject reasons", report.RejectReasons);
        Keys(w, "SASL authentication failures by client", report.AuthFailuresByClient);

        var l = report.Lines;
        Section(w, "Log lines");
        Row(w, "read", l.Total);
        Row(w, "understood", l.Understood);
        Row(w, "not understood", l.NotUnderstood);
        Row(w, "malformed (no syslog header)", l.Malformed);
        Row(w, "about queues not in the logs", l.OrphanLines);
        foreach (var p in l.NotUnderstoodByProgram)
        {
            Row(w, "  " + p.Key, p.Count);
        }

        if (report.Approximate)
        {
            w.WriteLine();
            w.WriteLine("Some top lists had more distinct entries than fit in memory; their counts are estimates.");
        }
    }

    private static void Section(TextWriter w, string title)
    {
        w.WriteLine();
        w.WriteLine(title);
        w.WriteLine(new string('-', title.Length));
    }

    private static void Row(TextWriter w, string label, long value, string? note = null) => Row(w, label, N(value), note);

    private static void Row(TextWriter w, string label, string value, string? note = null) =>
        w.WriteLine(note is null ? $"  {label,-28}{value,12}" : $"  {label,-28}{value,12}   {note}");

    private static void Domains(TextWriter w, string title, IReadOnlyList<DomainTraffic> domains)
    {
        Section(w, title);
        if (domains.Count == 0)
        {
            w.WriteLine("  none");
            return;
        }

        w.WriteLine($"  {"messages",9}{"delivered",10}{"bounced",9}{"deferred",9}{"expired",9}{"deferrals",10}  domain");
        foreach (var d in domains)
        {
            w.WriteLine($"  {N(d.Messages),9}{N(d.Delivered),10}{N(d.Bounced),9}{N(d.Deferred),9}{N(d.Expired),9}{N(d.DeferralAttempts),10}  {d.Domain}");
        }
    }

    private static void Keys(TextWriter w, string title, IReadOnlyList<KeyCount> keys)
    {
        Section(w, title);
        if (keys.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach (var k in keys)
        {
            w.WriteLine($"  {N(k.Count),9}  {k.Key}");
        }
    }

    private static void Reasons(TextWriter w, string title, IReadOnlyList<ReasonCount> reasons)
    {
        Section(w, title);
        if (reasons.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach (var r in reasons)
        {
            var who = r.Provider is null ? r.Category : $"{r.Category}, {r.Provider}";
            w.WriteLine($"  {N(r.Count),9}  [{who}] {r.Reason}");
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) =>
        whole == 0 ? "" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Time(DateTime? t) => t?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
