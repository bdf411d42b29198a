using System.Text.Json;
using Postmeter.Insights.Notifications;
using Postmeter.Insights.Tests.Engine;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Tests.Notifications;

/// <summary>The notification queue delivered to real HTTP servers on 127.0.0.1.</summary>
public sealed class NotificationDispatcherTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private readonly InsightWorkspace _workspace = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ManualClock _clock = new(Now);

    public void Dispose()
    {
        _http.Dispose();
        _workspace.Dispose();
    }

    [Fact]
    public async Task A_queued_insight_reaches_its_webhook_signed_in_the_language_of_the_settings_with_its_link()
    {
        using var receiver = new HttpRecorder();
        var insight = Open(["webhook-1"]);
        var dispatcher = Dispatcher(new() { ["webhook-1"] = new WebhookChannel(_http, receiver.Address, "s3cret", _clock) }, "de");

        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));

        var request = Assert.Single(receiver.Requests);
        var expected = "sha256=" + WebhookChannel.Signature("s3cret", request.Headers[WebhookChannel.TimestampHeader], request.Body);
        Assert.Equal(expected, request.Headers[WebhookChannel.SignatureHeader]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("Hohe Bounce-Rate", body.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("12.5 % der ausgehenden Empfänger", body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"https://postmeter.example.com/insights/{insight.Id}", body.RootElement.GetProperty("link").GetString());
        Assert.Empty(_workspace.Insights.ReadDue(DateTime.MaxValue, 10));
        Assert.Equal(Now, Assert.Single(_workspace.Insights.ReadChannels()).LastSentAt);
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_shows_its_last_error_and_is_given_up_in_the_end()
    {
        using var receiver = new HttpRecorder(status: 500);
        Open(["webhook-1"]);
        var dispatcher = Dispatcher(new() { ["webhook-1"] = new WebhookChannel(_http, receiver.Address, null, _clock) });

        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        var status = Assert.Single(_workspace.Insights.ReadChannels());
        Assert.Equal($"webhook {receiver.Address}: answered 500 Internal Server Error", status.LastError);
        Assert.Equal(1, status.Pending);
        Assert.Equal(Now.AddMinutes(1), _workspace.Insights.NextDue());

        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        Assert.Single(receiver.Requests);
        foreach (var wait in NotificationDispatcher.Backoff)
        {
            _clock.Advance(wait);
            await dispatcher.DeliverDueAsync(default);
        }

        Assert.Equal(1 + NotificationDispatcher.Backoff.Length, receiver.Requests.Count);
        Assert.Null(_workspace.Insights.NextDue());
        Assert.Equal(0, Assert.Single(_workspace.Insights.ReadChannels()).Pending);

        // It works again: once the channel has rested after its last failure, the next insight goes through.
        receiver.Status = 200;
        _clock.Advance(NotificationDispatcher.Backoff[0]);
        Open(["webhook-1"], "blocked_by_provider");
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, Assert.Single(_workspace.Insights.ReadChannels()).LastSentAt);
    }

    [Fact]
    public async Task After_a_failure_a_channel_rests_until_its_retry_instead_of_trying_every_notice_waiting()
    {
        using var receiver = new HttpRecorder(status: 503);
        Open(["webhook-1"]);
        Open(["webhook-1"], "blocked_by_provider");
        Open(["webhook-1"], "reject_spike");
        var dispatcher = Dispatcher(new() { ["webhook-1"] = new WebhookChannel(_http, receiver.Address, null, _clock) });

        await dispatcher.DeliverDueAsync(default);
        await dispatcher.DeliverDueAsync(default);

        Assert.Single(receiver.Requests);
        _clock.Advance(NotificationDispatcher.Backoff[0]);
        receiver.Status = 200;
        Assert.Equal(3, await dispatcher.DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_library_error_is_the_try_s_failure_not_a_stuck_queue()
    {
        Open(["slack"]);
        var dispatcher = Dispatcher(new() { ["slack"] = new Throwing() });

        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));

        var status = Assert.Single(_workspace.Insights.ReadChannels());
        Assert.Equal("NotSupportedException: The SMTP server does not support authentication.", status.LastError);
        Assert.Equal(Now.AddMinutes(1), _workspace.Insights.NextDue());
    }

    [Fact]
    public async Task A_channel_that_does_not_answer_does_not_hold_up_another()
    {
        using var slow = new HttpRecorder(delay: TimeSpan.FromSeconds(4));
        using var fast = new HttpRecorder();
        Open(["webhook-1", "webhook-2"]);
        var dispatcher = Dispatcher(new()
        {
            ["webhook-1"] = new WebhookChannel(_http, slow.Address, null, _clock),
            ["webhook-2"] = new WebhookChannel(_http, fast.Address, null, _clock),
        });

        var delivering = dispatcher.DeliverDueAsync(default);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (fast.Requests.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(20);
        }

        Assert.Single(fast.Requests);
        Assert.False(delivering.IsCompleted, "the slow channel is still waiting for its answer");
        Assert.Equal(2, await delivering);
    }

    [Fact]
    public async Task A_channel_no_longer_set_up_gives_up_its_notifications_and_a_test_reports_what_went_wrong()
    {
        Open(["slack"]);
        var dispatcher = Dispatcher([]);

        await dispatcher.DeliverDueAsync(default);
        var test = await dispatcher.SendSampleAsync("email", default);

        Assert.Null(_workspace.Insights.NextDue());
        Assert.Equal("slack is no longer set up or enabled", _workspace.Insights.ReadChannels().Single(c => c.Channel == "slack").LastError);
        Assert.Equal("email is not set up or not enabled", test);
    }

    [Fact]
    public async Task A_channel_that_cannot_be_set_up_fails_its_notifications_with_the_reason()
    {
        Open(["email"]);
        var dispatcher = new NotificationDispatcher(
            _workspace.Insights, _ => throw new FormatException("'ops' is not a mailbox address"), () => new NoticeSettings("en", null), _clock);

        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));

        Assert.Equal("email cannot be set up: 'ops' is not a mailbox address", Assert.Single(_workspace.Insights.ReadChannels()).LastError);
        Assert.Null(_workspace.Insights.NextDue());
    }

    [Fact]
    public async Task A_test_notification_is_sent_at_once_and_recorded_on_the_channel()
    {
        using var receiver = new HttpRecorder();
        var dispatcher = Dispatcher(new() { ["webhook-1"] = new WebhookChannel(_http, receiver.Address, null, _clock) }, "pt_BR");

        Assert.Null(await dispatcher.SendSampleAsync("webhook-1", default));

        using var body = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal("Notificação de teste", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(Now, Assert.Single(_workspace.Insights.ReadChannels()).LastSentAt);
    }

    private Insight Open(IReadOnlyCollection<string> channels, string type = "high_bounce_rate") => _workspace.Insights.Open(new NewInsight(
        type, string.Empty, "local", "bad", _clock.GetUtcNow().UtcDateTime, false,
        """{"rate":12.5,"bounced":25,"total":200,"threshold":5,"interval":{"from":"2026-12-07T03:00:00Z","to":"2026-12-07T09:00:00Z"}}"""), channels)!;

    private NotificationDispatcher Dispatcher(Dictionary<string, INotificationChannel> channels, string language = "en") => new(
        _workspace.Insights, key => channels.GetValueOrDefault(key), () => new NoticeSettings(language, new Uri("https://postmeter.example.com/")), _clock);

    private sealed class Throwing : INotificationChannel
    {
        public Task SendAsync(Notice notice, CancellationToken cancel) => throw new NotSupportedException("The SMTP server does not support authentication.");
    }

    private sealed class ManualClock(DateTime start) : TimeProvider
    {
        private DateTime _now = start;

        public override DateTimeOffset GetUtcNow() => new(_now, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;
    }
}
