using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Postmeter.Insights.Notifications;

/// <summary>
/// A notice as JSON to a URL of the admin's. With a shared secret, each request carries <c>X-Postmeter-Timestamp</c>
/// (Unix seconds) and <c>X-Postmeter-Signature: sha256=</c> the hex HMAC-SHA256, under that secret, of the timestamp,
/// a dot and the body: the receiver checks both, and refuses an old timestamp to stop a replay.
/// </summary>
public sealed class WebhookChannel(HttpClient http, Uri url, string? secret, TimeProvider clock) : INotificationChannel
{
    public const string SignatureHeader = "X-Postmeter-Signature";
    public const string TimestampHeader = "X-Postmeter-Timestamp";

    public async Task SendAsync(Notice notice, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = JsonSerializer.Serialize(new
        {
            notice.Id,
            notice.Type,
            notice.Category,
            notice.Rating,
            Time = notice.Time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            notice.Title,
            notice.Text,
            Link = notice.Link?.ToString(),
        }, Engine.InsightJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, "sha256=" + Signature(secret, timestamp, body));
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Postmeter", "1"));
        using var response = await HttpDelivery.SendAsync(http, request, $"webhook {url.GetLeftPart(UriPartial.Path)}", cancel).ConfigureAwait(false);
    }

    /// <summary>The hex HMAC-SHA256 of <c>timestamp.body</c> under <paramref name="secret"/>.</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
