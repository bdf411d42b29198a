using Postmeter.Insights.Engine;
using Postmeter.Storage.Dashboard;

namespace Postmeter.Insights.Detectors;

/// <summary>
/// <c>smtp_auth_attack</c>: failed SMTP AUTH logins in the window reach the threshold for a client address or a
/// username (password guessing). One insight for the attack, listing the addresses and usernames over the threshold,
/// so that a hundred guessing addresses do not flood the feed.
/// </summary>
public sealed class SmtpAuthAttack(IDashboardQueries queries) : StoreDetector
{
    private const int Listed = 20;

    public override string Type => "smtp_auth_attack";

    public override string Category => "intel";

    protected override IReadOnlyList<Finding>? Detect(DetectionContext context, CancellationToken cancel)
    {
        var thresholds = context.Thresholds;
        var window = Windows.Ending(context.Now, thresholds.AuthWindow);
        var activity = queries.ReadLoginActivity(window, Listed);
        List<Counted> clients = [.. activity.FailingClients.Where(c => c.Count >= thresholds.AuthFailures).Select(c => new Counted(c.Key, c.Count))];
        List<Counted> usernames = [.. activity.FailingUsernames.Where(c => c.Count >= thresholds.AuthFailures).Select(c => new Counted(c.Key, c.Count))];
        var failures = activity.FailingClients.Sum(c => c.Count);
        return clients.Count + usernames.Count > 0
            ? [new Finding(string.Empty, "bad", new Content(failures, clients, usernames, thresholds.AuthFailures, new Interval(window.From!.Value, context.Now)))]
            : [];
    }

    /// <param name="Failures">Failed logins of the listed clients (the busiest 20) in the window.</param>
    /// <param name="Clients">Client addresses at or over the threshold.</param>
    /// <param name="Usernames">Usernames at or over the threshold.</param>
    public sealed record Content(long Failures, IReadOnlyList<Counted> Clients, IReadOnlyList<Counted> Usernames, int Threshold, Interval Interval);
}
