namespace Postmeter.Insights.Notifications;

/// <summary>What a notification says about an insight, in the language of the settings, whatever the channel.</summary>
/// <param name="Id">The insight's id.</param>
/// <param name="Type">The insight's type, e.g. <c>high_bounce_rate</c>.</param>
/// <param name="Category">local, intel or news.</param>
/// <param name="Rating">bad, ok, good or unrated.</param>
/// <param name="Time">When the insight opened (UTC).</param>
/// <param name="Link">The insight in the web UI (from the public URL setting), or null when none is set.</param>
public sealed record Notice(long Id, string Type, string Category, string Rating, DateTime Time, string Title, string Text, Uri? Link);

/// <summary>Where notices are sent: Slack, a webhook, e-mail.</summary>
public interface INotificationChannel
{
    /// <summary>Delivers one notice, or throws <see cref="NotificationException"/> saying why it could not.</summary>
    Task SendAsync(Notice notice, CancellationToken cancel);
}

/// <summary>A channel refused or failed a notice; the message says what the other side answered (never a secret).</summary>
public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);
