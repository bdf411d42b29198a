using MimeKit;
using Postmeter.Insights.Notifications;

namespace Postmeter.Insights.Tests.Notifications;

/// <summary>The e-mail channel against a real SMTP server on 127.0.0.1: Postfix's smtp-sink.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmailChannelTests : IDisposable
{
    private static readonly Notice Blocked = new(
        7, "blocked_by_provider", "local", "bad", new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc),
        "Blocked by Microsoft", "Outlook.com refused 38 messages from 192.0.2.25 <S3140> since 08:12.",
        new Uri("https://postmeter.example.com/insights/7"));

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_notice_arrives_with_a_text_and_an_html_part_to_every_recipient()
    {
        using var sink = SmtpSink.Start(_temp.Path("mail"));
        var channel = new EmailChannel(
            // smtp-sink answers AUTH with 250 rather than 235, so SMTP AUTH is not tried against it.
            new SmtpServer("127.0.0.1", sink.Port, "none", null, null, TimeSpan.FromSeconds(10)),
            new MailboxAddress("Postmeter", "postmeter@example.org"),
            [MailboxAddress.Parse("admin@example.org"), MailboxAddress.Parse("oncall@example.org")]);

        await channel.SendAsync(Blocked, CancellationToken.None);

        var dump = Assert.Single(sink.Messages());
        Assert.Contains("admin@example.org", dump, StringComparison.Ordinal);
        Assert.Contains("oncall@example.org", dump, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dump[dump.IndexOf("From:", StringComparison.Ordinal)..])));
        Assert.Equal("[Postmeter] Blocked by Microsoft", message.Subject);
        Assert.Equal("postmeter@example.org", message.From.Mailboxes.Single().Address);
        Assert.Equal(["admin@example.org", "oncall@example.org"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Outlook.com refused 38 messages from 192.0.2.25 <S3140> since 08:12.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://postmeter.example.com/insights/7", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;S3140&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://postmeter.example.com/insights/7\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_refuses_the_sender_or_is_not_there_is_a_clear_failure()
    {
        using var sink = SmtpSink.Start(_temp.Path("refusing"), "-f", "MAIL");
        var from = new MailboxAddress("Postmeter", "postmeter@example.org");
        var refusing = new EmailChannel(new SmtpServer("127.0.0.1", sink.Port, "none", null, null, TimeSpan.FromSeconds(10)), from, [MailboxAddress.Parse("admin@example.org")]);
        var absent = new EmailChannel(new SmtpServer("127.0.0.1", 9, "none", null, null, TimeSpan.FromSeconds(2)), from, [MailboxAddress.Parse("admin@example.org")]);

        var refused = await Assert.ThrowsAsync<NotificationException>(() => refusing.SendAsync(Blocked, CancellationToken.None));
        var unreachable = await Assert.ThrowsAsync<NotificationException>(() => absent.SendAsync(Blocked, CancellationToken.None));

        Assert.Contains("e-mail via 127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SenderNotAccepted", refused.Message, StringComparison.Ordinal);
        Assert.Contains("e-mail via 127.0.0.1:9", unreachable.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }
}
