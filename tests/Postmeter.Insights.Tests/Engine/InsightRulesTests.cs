using Postmeter.Insights.Engine;

namespace Postmeter.Insights.Tests.Engine;

/// <summary>The engine's rules for one problem, one insight: repeat interval, snooze, a detector that cannot tell, its schedule.</summary>
public sealed class InsightRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly InsightThresholds Thresholds = new() { RepeatInterval = TimeSpan.FromHours(2) };

    [Fact]
    public async Task A_problem_back_within_the_repeat_interval_reopens_its_insight_and_later_opens_a_new_one()
    {
        using var workspace = new InsightWorkspace();
        var detector = new Scripted();
        var engine = new InsightEngine(workspace.Insights, [detector], new Everywhere());

        detector.Holds = true;
        await engine.RunDueAsync(Now, false, Thresholds, default);
        detector.Holds = false;
        await engine.RunDueAsync(Now.AddMinutes(10), false, Thresholds, default);
        detector.Holds = true;
        await engine.RunDueAsync(Now.AddMinutes(20), false, Thresholds, default);

        var one = Assert.Single(workspace.All());
        Assert.True(one.IsOpen);
        Assert.Single(workspace.Insights.ReadDue(DateTime.MaxValue, 10));

        detector.Holds = false;
        await engine.RunDueAsync(Now.AddMinutes(30), false, Thresholds, default);
        detector.Holds = true;
        await engine.RunDueAsync(Now.AddHours(3), false, Thresholds, default);

        Assert.Equal(2, workspace.All().Count);
        Assert.Equal(2, workspace.Insights.ReadDue(DateTime.MaxValue, 10).Count);
    }

    [Fact]
    public async Task A_snoozed_type_opens_nothing_until_the_snooze_ends()
    {
        using var workspace = new InsightWorkspace();
        var detector = new Scripted { Holds = true };
        var engine = new InsightEngine(workspace.Insights, [detector], new Everywhere());
        engine.Snooze(detector.Type, Now.AddHours(1));

        await engine.RunDueAsync(Now, false, Thresholds, default);
        Assert.Empty(workspace.All());
        Assert.Equal(Now.AddHours(1), engine.SnoozedUntil(detector.Type));

        await engine.RunDueAsync(Now.AddHours(1), false, Thresholds, default);
        Assert.Single(workspace.All());
    }

    [Fact]
    public async Task A_detector_that_cannot_tell_leaves_its_insight_open_and_runs_at_its_interval()
    {
        using var workspace = new InsightWorkspace();
        var detector = new Scripted { Holds = true };
        var engine = new InsightEngine(workspace.Insights, [detector], new Everywhere());
        await engine.RunDueAsync(Now, false, Thresholds, default);

        detector.CannotTell = true;
        await engine.RunDueAsync(Now.AddMinutes(10), false, Thresholds, default);
        Assert.True(Assert.Single(workspace.All()).IsOpen);

        detector.CannotTell = false;
        detector.Holds = false;
        await engine.RunDueAsync(Now.AddMinutes(15), false, Thresholds, default);
        Assert.True(Assert.Single(workspace.All()).IsOpen);
        Assert.Equal(2, detector.Runs);
        await engine.RunDueAsync(Now.AddMinutes(20), false, Thresholds, default);
        Assert.Equal(Now.AddMinutes(20), Assert.Single(workspace.All()).ResolvedAt);
    }

    [Fact]
    public async Task A_detector_that_fails_is_reported_and_the_others_still_run()
    {
        using var workspace = new InsightWorkspace();
        var failures = new List<string>();
        var engine = new InsightEngine(workspace.Insights, [new Failing(), new Scripted { Holds = true }], new Everywhere(), (type, e) => failures.Add($"{type}: {e.Message}"));

        await engine.RunDueAsync(Now, true, Thresholds, default);

        Assert.Equal(["failing: the rollups are gone"], failures);
        Assert.Single(workspace.All());
    }

    private sealed class Failing : IDetector
    {
        public string Type => "failing";

        public string Category => "local";

        public TimeSpan Interval => TimeSpan.FromMinutes(10);

        public bool RunsOverHistory => true;

        public bool FindsEvents => false;

        public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel) =>
            throw new InvalidDataException("the rollups are gone");
    }

    private sealed class Scripted : IDetector
    {
        public bool Holds { get; set; }

        public bool CannotTell { get; set; }

        public int Runs { get; private set; }

        public string Type => "scripted";

        public string Category => "local";

        public TimeSpan Interval => TimeSpan.FromMinutes(10);

        public bool RunsOverHistory => true;

        public bool FindsEvents => false;

        public Task<IReadOnlyList<Finding>?> DetectAsync(DetectionContext context, CancellationToken cancel)
        {
            Runs++;
            IReadOnlyList<Finding>? findings = CannotTell ? null : Holds ? [new Finding("x", "bad", new { at = context.Now })] : [];
            return Task.FromResult(findings);
        }
    }

    private sealed class Everywhere : INotificationRouter
    {
        public IReadOnlyCollection<string> ChannelsFor(string type, string rating, string category) => ["slack"];
    }
}
