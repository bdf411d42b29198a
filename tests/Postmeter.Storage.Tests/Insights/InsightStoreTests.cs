using Postmeter.Storage.Insights;
using Postmeter.Storage.Sqlite;
using Postmeter.Storage.Sqlite.Insights;

namespace Postmeter.Storage.Tests.Insights;

/// <summary>The insight store on a real workspace database.</summary>
public sealed class InsightStoreTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _temp = new();
    private readonly SqliteInsightStore _insights;

    public InsightStoreTests()
    {
        SqliteWorkspaceStore.Open(_temp.Path("ws")).Dispose();
        _insights = SqliteInsightStore.Open(_temp.Path("ws"));
    }

    public void Dispose()
    {
        _insights.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void One_insight_of_a_type_and_subject_is_open_at_a_time()
    {
        var first = _insights.Open(Bounce("google", Now), ["slack"]);
        var again = _insights.Open(Bounce("google", Now.AddMinutes(5)), ["slack"]);
        var other = _insights.Open(Bounce("microsoft", Now), []);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.NotNull(other);
        Assert.Equal([first.Id, other.Id], _insights.ReadOpen().Select(i => i.Id));

        _insights.Resolve(first.Id, Now.AddHours(1));
        var next = _insights.Open(Bounce("google", Now.AddHours(2)), []);

        Assert.NotNull(next);
        Assert.Equal(Now.AddHours(1), _insights.Find(first.Id)!.ResolvedAt);
        Assert.Equal(next.Id, _insights.FindLatest("blocked_by_provider", "google")!.Id);
    }

    [Fact]
    public void Opening_queues_one_notification_per_channel_and_history_queues_none()
    {
        var live = _insights.Open(Bounce("google", Now), ["slack", "webhook-1"])!;
        var history = _insights.Open(Bounce("yahoo", Now) with { History = true }, ["slack"])!;

        Assert.True(history.Archived);
        Assert.False(live.Archived);
        var due = _insights.ReadDue(Now, 10);
        Assert.Equal(["slack", "webhook-1"], due.Select(d => d.Channel));
        Assert.All(due, d => Assert.Equal(live.Id, d.InsightId));
        Assert.Empty(_insights.ReadDue(Now.AddTicks(-1), 10));
        Assert.Equal(Now, _insights.NextDue());
    }

    [Fact]
    public void A_failed_try_is_retried_later_and_a_given_up_one_is_done()
    {
        var insight = _insights.Open(Bounce("google", Now), ["slack", "email"])!;
        var due = _insights.ReadDue(Now, 10);
        var slack = due.Single(d => d.Channel == "slack");
        var email = due.Single(d => d.Channel == "email");

        _insights.Failed(slack.Id, "slack", "Slack channel #x: answered 500 Internal Server Error", Now, Now.AddMinutes(1));
        _insights.Failed(email.Id, "email", "e-mail via smtp:25: refused", Now, null);

        Assert.Empty(_insights.ReadDue(Now.AddSeconds(59), 10));
        var retry = Assert.Single(_insights.ReadDue(Now.AddMinutes(1), 10));
        Assert.Equal((slack.Id, 1, "Slack channel #x: answered 500 Internal Server Error"), (retry.Id, retry.Tries, retry.LastError));

        _insights.Delivered(retry.Id, "slack", Now.AddMinutes(1));
        Assert.Empty(_insights.ReadDue(DateTime.MaxValue, 10));
        Assert.Null(_insights.NextDue());
        var channels = _insights.ReadChannels().ToDictionary(c => c.Channel);
        Assert.Equal(Now.AddMinutes(1), channels["slack"].LastSentAt);
        Assert.Equal("e-mail via smtp:25: refused", channels["email"].LastError);
        Assert.Null(channels["email"].LastSentAt);
        Assert.Equal(0, channels["email"].Pending);
        Assert.Equal(insight.Id, _insights.Find(insight.Id)!.Id);
    }

    [Fact]
    public void A_test_delivery_records_the_channel_without_a_queued_notification()
    {
        _insights.Failed(null, "webhook-2", "webhook http://127.0.0.1:9/: Connection refused", Now, null);
        _insights.Delivered(null, "webhook-2", Now.AddMinutes(1));

        var channel = Assert.Single(_insights.ReadChannels());
        Assert.Equal(("webhook-2", Now.AddMinutes(1), Now), (channel.Channel, channel.LastSentAt, channel.LastErrorAt));
    }

    [Fact]
    public void A_resolved_insight_reopens_unless_another_is_open()
    {
        var first = _insights.Open(Bounce("google", Now), [])!;
        _insights.Resolve(first.Id, Now.AddHours(1));
        _insights.Archive(first.Id);

        Assert.True(_insights.Reopen(first.Id, """{"count":9}""", Now.AddHours(2)));
        var reopened = _insights.Find(first.Id)!;
        Assert.Null(reopened.ResolvedAt);
        Assert.False(reopened.Archived);
        Assert.Equal(("""{"count":9}""", Now.AddHours(2)), (reopened.Content, reopened.UpdatedAt));
        Assert.Empty(_insights.ReadDue(DateTime.MaxValue, 10));

        _insights.Resolve(first.Id, Now.AddHours(3));
        var second = _insights.Open(Bounce("google", Now.AddHours(4)), [])!;
        Assert.False(_insights.Reopen(first.Id, "{}", Now.AddHours(5)));
        Assert.Equal([second.Id], _insights.ReadOpen().Select(i => i.Id));
    }

    [Fact]
    public void Lists_filter_by_status_category_rating_and_time_and_page_newest_first()
    {
        var open = _insights.Open(Bounce("a", Now), [])!;
        var resolved = _insights.Open(Bounce("b", Now.AddMinutes(1)), [])!;
        _insights.Resolve(resolved.Id, Now.AddMinutes(30));
        var archived = _insights.Open(Bounce("c", Now.AddMinutes(2)), [])!;
        Assert.True(_insights.Archive(archived.Id));
        Assert.True(_insights.Archive(archived.Id));
        var news = _insights.Open(new NewInsight("welcome", "", "news", "unrated", Now.AddMinutes(3), false, "{}"), [])!;

        IReadOnlyList<long> Ids(InsightFilter filter) => [.. _insights.Read(filter).Select(i => i.Id)];
        var all = new InsightFilter(null, null, null, null, null, null, 100);

        Assert.Equal([news.Id, archived.Id, resolved.Id, open.Id], Ids(all));
        Assert.Equal([news.Id, open.Id], Ids(all with { Status = "open" }));
        Assert.Equal([resolved.Id], Ids(all with { Status = "resolved" }));
        Assert.Equal([archived.Id], Ids(all with { Status = "archived" }));
        Assert.Equal([news.Id], Ids(all with { Category = "news" }));
        Assert.Equal([archived.Id, resolved.Id, open.Id], Ids(all with { Rating = "bad" }));
        Assert.Equal([archived.Id, resolved.Id], Ids(all with { From = Now.AddMinutes(1), To = Now.AddMinutes(3) }));
        Assert.Equal([news.Id, archived.Id], Ids(all with { Limit = 2 }));
        Assert.Equal([resolved.Id, open.Id], Ids(all with { BeforeId = archived.Id }));
        Assert.False(_insights.Archive(999));
    }

    [Fact]
    public void An_event_is_stored_resolved_at_its_time_and_a_type_can_be_left_out()
    {
        var welcome = _insights.Open(new NewInsight("welcome", "", "news", "unrated", Now, false, "{}", Event: true), [])!;
        var bounce = _insights.Open(Bounce("a", Now.AddMinutes(1)), [])!;

        Assert.Equal(Now, welcome.ResolvedAt);
        Assert.Equal([bounce.Id], _insights.ReadOpen().Select(i => i.Id));
        Assert.Equal([bounce.Id], _insights.Read(new InsightFilter(null, null, null, null, null, null, 10) { ExcludedType = "welcome" }).Select(i => i.Id));
    }

    [Fact]
    public void Usefulness_is_set_and_cleared()
    {
        var insight = _insights.Open(Bounce("a", Now), [])!;

        Assert.True(_insights.Rate(insight.Id, "useful"));
        Assert.Equal("useful", _insights.Find(insight.Id)!.Usefulness);
        Assert.True(_insights.Rate(insight.Id, null));
        Assert.Null(_insights.Find(insight.Id)!.Usefulness);
        Assert.False(_insights.Rate(999, "useful"));
    }

    [Fact]
    public void Engine_state_is_kept_by_key()
    {
        Assert.Null(_insights.GetState("cursor"));
        _insights.SetState("cursor", "1");
        _insights.SetState("cursor", "2");
        Assert.Equal("2", _insights.GetState("cursor"));
    }

    private static NewInsight Bounce(string subject, DateTime time) =>
        new("blocked_by_provider", subject, "local", "bad", time, false, $$"""{"provider":"{{subject}}"}""");
}
