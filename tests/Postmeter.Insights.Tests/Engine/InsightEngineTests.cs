using Postmeter.Insights.Engine;
using Postmeter.Storage.Detective;

namespace Postmeter.Insights.Tests.Engine;

/// <summary>The insights engine over real Postfix logs imported into a real workspace: history, live, quiet.</summary>
public sealed class InsightEngineTests
{
    private static readonly InsightThresholds Defaults = new();

    [Fact]
    public async Task A_bounce_heavy_history_is_archived_never_notified_and_summed_up()
    {
        using var workspace = new InsightWorkspace(channels: ["webhook-1"]);
        workspace.Import(FixturePaths.BounceHeavy);
        var end = workspace.NewestLogTime;

        await workspace.Runner.StepAsync(end.AddDays(3), catchingUp: false, Defaults, default);

        var bounce = Assert.Single(workspace.OfType("high_bounce_rate"));
        Assert.True(bounce.History);
        Assert.True(bounce.Archived);
        Assert.NotNull(bounce.ResolvedAt);
        Assert.True(bounce.Time <= end, $"found at {bounce.Time:O}, in the log's clock (it ends at {end:O})");
        Assert.True(InsightWorkspace.Content(bounce).GetProperty("rate").GetDouble() > 5);
        var blocked = workspace.OfType("blocked_by_provider").Select(i => i.Subject).ToList();
        Assert.Contains("Yahoo", blocked);
        Assert.All(workspace.OfType("blocked_by_provider"), i => Assert.True(i.Archived));
        Assert.DoesNotContain(workspace.Insights.ReadDue(DateTime.MaxValue, 100), n => workspace.Insights.Find(n.InsightId)!.History);

        var summary = Assert.Single(workspace.OfType(InsightRunner.ImportSummaryType));
        Assert.False(summary.Archived);
        var content = InsightWorkspace.Content(summary);
        Assert.Equal(workspace.All().Count(i => i.History), content.GetProperty("insights").GetInt32());
        Assert.Equal(1, content.GetProperty("by_type").GetProperty("high_bounce_rate").GetInt32());
        Assert.True(content.GetProperty("recipients").GetProperty("bounced").GetInt64() >= 80);
        Assert.True(workspace.Runner.HistoryDone);

        // Live, three days later: the bounces are out of the window, but no mail came since and the deferred mail still waits.
        var live = workspace.All().Where(i => !i.History && i.Type != InsightRunner.ImportSummaryType).Select(i => $"{i.Type} {i.Subject}".Trim()).Order();
        Assert.Equal(["deferred_backlog", "mail_inactivity inbound", "mail_inactivity outbound", "welcome"], live);
        Assert.Single(workspace.OfType("high_bounce_rate"));
    }

    [Fact]
    public async Task Nothing_is_walked_while_the_first_import_still_reads_but_what_it_read_is()
    {
        using var workspace = new InsightWorkspace(channels: ["slack"]);
        workspace.Import(FixturePaths.BounceHeavy);
        var end = workspace.NewestLogTime;

        await workspace.Runner.StepAsync(end.AddMinutes(5), catchingUp: true, Defaults, default);

        Assert.False(workspace.Runner.HistoryDone);
        Assert.Empty(workspace.OfType("welcome"));
        Assert.Empty(workspace.OfType(InsightRunner.ImportSummaryType));
        Assert.All(workspace.All(), i => Assert.True(i.History && i.Archived));
        Assert.Empty(workspace.Insights.ReadDue(DateTime.MaxValue, 100));
    }

    [Fact]
    public async Task A_problem_still_there_when_history_ends_is_found_again_live_and_notified_once()
    {
        using var workspace = new InsightWorkspace(channels: ["slack", "webhook-1"]);
        workspace.Import(FixturePaths.BounceHeavy);
        var end = workspace.NewestLogTime;

        await workspace.Runner.StepAsync(end.AddMinutes(2), catchingUp: false, Defaults, default);
        await workspace.Runner.StepAsync(end.AddMinutes(3), catchingUp: false, Defaults, default);
        await workspace.Runner.StepAsync(end.AddMinutes(30), catchingUp: false, Defaults, default);

        var bounces = workspace.OfType("high_bounce_rate");
        Assert.Equal(2, bounces.Count);
        var live = Assert.Single(bounces, i => !i.History);
        Assert.True(live.IsOpen);
        Assert.False(live.Archived);
        Assert.Equal(end.AddMinutes(2), live.Time);
        Assert.Equal(end.AddMinutes(30), live.UpdatedAt);
        var notified = workspace.Insights.ReadDue(DateTime.MaxValue, 100).Where(n => n.InsightId == live.Id).Select(n => n.Channel).Order();
        Assert.Equal(["slack", "webhook-1"], notified);

        // Six hours after the last bounce the window holds none: resolved, and nothing more is sent.
        await workspace.Runner.StepAsync(end.AddHours(7), catchingUp: false, Defaults, default);
        var resolved = workspace.Insights.Find(live.Id)!;
        Assert.Equal(end.AddHours(7), resolved.ResolvedAt);
        Assert.Equal(2, workspace.Insights.ReadDue(DateTime.MaxValue, 100).Count(n => n.InsightId == live.Id));
        Assert.All(workspace.OfType("blocked_by_provider").Where(i => !i.History), i => Assert.NotNull(i.ResolvedAt));
    }

    [Fact]
    public async Task A_quiet_server_raises_nothing_but_the_welcome()
    {
        using var workspace = new InsightWorkspace(channels: ["slack"]);
        await workspace.Runner.StepAsync(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), catchingUp: false, Defaults, default);
        workspace.Import(FixturePaths.Quiet);
        var end = workspace.NewestLogTime;

        foreach (var minutes in new[] { 1, 11, 21, 60 })
        {
            await workspace.Runner.StepAsync(end.AddMinutes(minutes), catchingUp: false, Defaults, default);
        }

        Assert.Equal(["welcome"], workspace.All().Select(i => i.Type));
        Assert.Empty(workspace.OfType(InsightRunner.ImportSummaryType));
    }

    [Fact]
    public async Task Password_guessing_raises_one_attack_insight_naming_the_usernames_over_the_threshold()
    {
        using var workspace = new InsightWorkspace(channels: ["email"]);
        await workspace.Runner.StepAsync(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), catchingUp: false, Defaults, default);
        workspace.Import(FixturePaths.AuthFailHeavy);
        var end = workspace.NewestLogTime;

        await workspace.Runner.StepAsync(end.AddMinutes(1), catchingUp: false, Defaults with { AuthFailures = 10 }, default);

        var attack = Assert.Single(workspace.OfType("smtp_auth_attack"));
        Assert.Equal("intel", attack.Category);
        var content = InsightWorkspace.Content(attack);
        var usernames = content.GetProperty("usernames").EnumerateArray().Select(u => (u.GetProperty("key").GetString(), u.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(("sales", 21L), usernames[0]);
        Assert.Contains(("postmaster@example.net", 15L), usernames);
        Assert.DoesNotContain(usernames, u => u.Item2 < 10);
        Assert.Empty(content.GetProperty("clients").EnumerateArray());
        Assert.Equal(["email"], workspace.Insights.ReadDue(DateTime.MaxValue, 10).Where(n => n.InsightId == attack.Id).Select(n => n.Channel));

        // At the default threshold of 20 only "sales" is over it; an hour later the window is empty and it clears.
        await workspace.Runner.StepAsync(end.AddMinutes(12), catchingUp: false, Defaults, default);
        Assert.Single(InsightWorkspace.Content(workspace.Insights.Find(attack.Id)!).GetProperty("usernames").EnumerateArray());
        await workspace.Runner.StepAsync(end.AddHours(2), catchingUp: false, Defaults, default);
        Assert.NotNull(workspace.Insights.Find(attack.Id)!.ResolvedAt);
    }

    [Fact]
    public async Task A_gap_in_the_mail_is_found_over_history_and_resolved_when_mail_comes_back()
    {
        using var workspace = new InsightWorkspace();
        workspace.Import(FixturePaths.Seed42, FixturePaths.Seed11);
        var end = workspace.NewestLogTime;
        var quiet = Defaults with { OutboundInactivity = TimeSpan.FromHours(2), InboundInactivity = TimeSpan.FromHours(2) };

        await workspace.Runner.StepAsync(end.AddDays(2), catchingUp: false, quiet, default);

        var gaps = workspace.OfType("mail_inactivity").Where(i => i.History).ToList();
        Assert.Contains("outbound", gaps.Select(g => g.Subject));
        var outbound = gaps.Single(g => g.Subject == "outbound");
        var since = InsightWorkspace.Content(outbound).GetProperty("since").GetDateTime().ToUniversalTime();
        Assert.Equal(new DateTime(2026, 11, 21, 23, 0, 0, DateTimeKind.Utc), since);
        Assert.True(outbound.ResolvedAt > outbound.Time);
        Assert.True(outbound.ResolvedAt <= new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc), $"resolved at {outbound.ResolvedAt:O}, once the hour of seed 11's mail was whole");

        // The same logs without the gap (one run) raise none.
        using var single = new InsightWorkspace();
        single.Import(FixturePaths.Seed42);
        await single.Runner.StepAsync(single.NewestLogTime.AddMinutes(30), catchingUp: false, quiet, default);
        Assert.Empty(single.OfType("mail_inactivity"));
    }

    [Fact]
    public async Task A_live_gap_opens_once_and_live_inactivity_is_notified()
    {
        using var workspace = new InsightWorkspace(channels: ["slack"]);
        await workspace.Runner.StepAsync(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), catchingUp: false, Defaults, default);
        workspace.Import(FixturePaths.Quiet);
        var end = workspace.NewestLogTime;

        await workspace.Runner.StepAsync(end.AddHours(11), catchingUp: false, Defaults, default);
        Assert.Empty(workspace.OfType("mail_inactivity"));
        await workspace.Runner.StepAsync(end.AddHours(13), catchingUp: false, Defaults, default);
        var inbound = Assert.Single(workspace.OfType("mail_inactivity"));
        Assert.Equal("inbound", inbound.Subject);
        await workspace.Runner.StepAsync(end.AddHours(25), catchingUp: false, Defaults, default);
        var both = workspace.OfType("mail_inactivity");
        Assert.Equal(["inbound", "outbound"], both.Select(i => i.Subject).Order());
        Assert.Equal(2, workspace.Insights.ReadDue(DateTime.MaxValue, 10).Count(n => both.Any(i => i.Id == n.InsightId)));
    }

    [Fact]
    public async Task An_escalation_from_the_detective_becomes_one_insight_always()
    {
        using var workspace = new InsightWorkspace(channels: ["webhook-1"]);
        var now = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        var escalations = (IEscalationStore)workspace.Accounts;
        // Made two days before the engine first looked (an upgraded workspace): not news, not notified.
        escalations.AddEscalation(new Escalation(0, now.AddDays(-2), "public", null, """{"recipient":"old@example.com"}""", ["m9"]));
        await workspace.Runner.StepAsync(now, catchingUp: false, Defaults, default);
        escalations.AddEscalation(new Escalation(0, now, "public", "198.51.100.7", """{"sender":"a@example.org","recipient":"b@example.com"}""", ["m1", "r2"]));

        await workspace.Runner.StepAsync(now.AddMinutes(1), catchingUp: false, Defaults, default);
        await workspace.Runner.StepAsync(now.AddMinutes(2), catchingUp: false, Defaults, default);

        var escalation = Assert.Single(workspace.OfType("detective_escalation"));
        var content = InsightWorkspace.Content(escalation);

        escalations.AddEscalation(new Escalation(0, now.AddMinutes(3), "ada@example.com", null, """{"id":"ABC123"}""", []));
        await workspace.Runner.StepAsync(now.AddMinutes(4), catchingUp: false, Defaults, default);
        Assert.Equal(2, workspace.OfType("detective_escalation").Count);
        Assert.Equal("b@example.com", content.GetProperty("terms").GetProperty("recipient").GetString());
        Assert.Equal(2, content.GetProperty("results").GetArrayLength());
        Assert.Equal("webhook-1", Assert.Single(workspace.Insights.ReadDue(DateTime.MaxValue, 10), n => n.InsightId == escalation.Id).Channel);
    }
}
