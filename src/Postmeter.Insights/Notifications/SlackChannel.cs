using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Postmeter.Insights.Notifications;

/// <summary>
/// A notice to Slack: with a bot token, <c>chat.postMessage</c> to a channel (Slack answers 200 with <c>ok: false</c>
/// and an error code when it refuses, e.g. <c>channel_not_found</c>); or to an incoming webhook URL, which Mattermost
/// and Discord's Slack-compatible endpoints accept too.
/// </summary>
public sealed class SlackChannel : INotificationChannel
{
    /// <summary>Slack's Web API; tests point it at a local server.</summary>
    public static readonly Uri SlackApi = new("https://slack.com/api/");

    private readonly HttpClient _http;
    private readonly Uri _target;
    private readonly string? _token;
    private readonly string? _channel;

    private SlackChannel(HttpClient http, Uri target, string? token, string? channel)
    {
        _http = http;
        _target = target;
        _token = token;
        _channel = channel;
    }

    public static SlackChannel WithBotToken(HttpClient http, string token, string channel, Uri? api = null) =>
        new(http, new Uri(api ?? SlackApi, "chat.postMessage"), token, channel);

    public static SlackChannel WithIncomingWebhook(HttpClient http, Uri webhook) => new(http, webhook, null, null);

    public async Task SendAsync(Notice notice, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = Text(notice);
        using var request = new HttpRequestMessage(HttpMethod.Post, _target)
        {
            Content = _token is null ? JsonContent.Create(new { text }) : JsonContent.Create(new { channel = _channel, text, unfurl_links = false }),
        };
        var name = _token is null ? $"Slack webhook {_target.Host}" : $"Slack channel {_channel}";
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        using var response = await HttpDelivery.SendAsync(_http, request, name, cancel).ConfigureAwait(false);
        if (_token is null)
        {
            return;
        }

        // The Web API says yes or no in its body, not in its status.
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false), cancellationToken: cancel).ConfigureAwait(false);
        if (!answer.RootElement.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            var error = answer.RootElement.TryGetProperty("error", out var code) ? code.GetString() : "no reason given";
            throw new NotificationException($"{name}: Slack refused the message ({error})");
        }
    }

    /// <summary>Slack's mrkdwn: the title in bold, the text, and the link to the insight.</summary>
    public static string Text(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = $"*{Escape(notice.Title)}*\n{Escape(notice.Text)}";
        return notice.Link is { } link ? $"{text}\n<{link}|{Escape(notice.Link.Host)}>" : text;
    }

    /// <summary>The three characters Slack's mrkdwn reserves.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
