using System.Globalization;
using System.Text.Json;
using Postmeter.Insights.Notifications;

namespace Postmeter.Insights.Tests.Notifications;

/// <summary>Webhook and Slack channels against a real HTTP server on 127.0.0.1 that records what they send.</summary>
public sealed class ChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static readonly Notice Bounces = new(
        42, "high_bounce_rate", "local", "bad", new DateTime(2026, 12, 7, 9, 58, 0, DateTimeKind.Utc),
        "High bounce rate", "12 % of outbound mail bounced between 04:00 and 10:00 <UTC> & rising",
        new Uri("https://postmeter.example.com/insights/42"));

    [Fact]
    public async Task A_webhook_gets_the_notice_as_json_signed_over_its_timestamp_and_body()
    {
        using var receiver = new HttpRecorder();
        using var http = new HttpClient();
        var channel = new WebhookChannel(http, new Uri(receiver.Address, "hooks/postmeter"), "s3cret-shared", new FixedClock(Now));

        await channel.SendAsync(Bounces, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/postmeter"), (request.Method, request.Path));
        var timestamp = request.Headers[WebhookChannel.TimestampHeader];
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        // Verified as a receiver would, with the shared secret: HMAC-SHA256 of "timestamp.body".
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "s3cret-shared"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        Assert.Equal(expected, request.Headers[WebhookChannel.SignatureHeader]);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("high_bounce_rate", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("bad", json.RootElement.GetProperty("rating").GetString());
        Assert.Equal("2026-12-07T09:58:00Z", json.RootElement.GetProperty("time").GetString());
        Assert.Equal("https://postmeter.example.com/insights/42", json.RootElement.GetProperty("link").GetString());
        Assert.DoesNotContain("s3cret", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_without_a_secret_is_not_signed_and_a_refusal_names_the_answer()
    {
        using var receiver = new HttpRecorder(status: 410);
        using var http = new HttpClient();
        var channel = new WebhookChannel(http, receiver.Address, null, new FixedClock(Now));

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(Bounces, CancellationToken.None));

        Assert.False(Assert.Single(receiver.Requests).Headers.ContainsKey(WebhookChannel.SignatureHeader));
        Assert.Contains("answered 410", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_fails_within_the_clients_timeout()
    {
        using var receiver = new HttpRecorder(delay: TimeSpan.FromSeconds(30));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var channel = new WebhookChannel(http, receiver.Address, "k", new FixedClock(Now));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(Bounces, CancellationToken.None));

        Assert.Contains("no answer within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed} to give up");
    }

    [Fact]
    public async Task Slack_gets_chat_post_message_with_the_bot_token_and_its_refusal_is_reported()
    {
        using var slack = new HttpRecorder(body: """{"ok":true,"channel":"C123","ts":"1.2"}""");
        using var http = new HttpClient();
        var channel = SlackChannel.WithBotToken(http, "xoxb-test-token", "#mail-alerts", new Uri(slack.Address, "api/"));

        await channel.SendAsync(Bounces, CancellationToken.None);
        slack.Body = """{"ok":false,"error":"channel_not_found"}""";
        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(Bounces, CancellationToken.None));

        var request = slack.Requests.First();
        Assert.Equal(("POST", "/api/chat.postMessage"), (request.Method, request.Path));
        Assert.Equal("Bearer xoxb-test-token", request.Headers["Authorization"]);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("#mail-alerts", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal(
            "*High bounce rate*\n12 % of outbound mail bounced between 04:00 and 10:00 &lt;UTC&gt; &amp; rising\n<https://postmeter.example.com/insights/42|postmeter.example.com>",
            json.RootElement.GetProperty("text").GetString());
        Assert.Contains("channel_not_found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incoming_webhook_gets_the_text_alone()
    {
        using var hook = new HttpRecorder(body: "ok");
        using var http = new HttpClient();

        await SlackChannel.WithIncomingWebhook(http, new Uri(hook.Address, "services/T0/B0/xyz")).SendAsync(Bounces, CancellationToken.None);

        var request = Assert.Single(hook.Requests);
        Assert.Equal("/services/T0/B0/xyz", request.Path);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["text"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
