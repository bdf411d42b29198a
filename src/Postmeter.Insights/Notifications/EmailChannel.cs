using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Postmeter.Insights.Notifications;

/// <summary>How the e-mail channel reaches its SMTP server.</summary>
/// <param name="Security">none, starttls (required, usually port 587) or tls (TLS from the start, usually port 465).</param>
/// <param name="Username">For SMTP AUTH, or null to send without.</param>
public sealed record SmtpServer(string Host, int Port, string Security, string? Username, string? Password, TimeSpan Timeout);

/// <summary>A notice by e-mail over SMTP (MailKit): a plain-text and an HTML part, to each recipient.</summary>
public sealed class EmailChannel(SmtpServer server, MailboxAddress sender, IReadOnlyList<MailboxAddress> recipients) : INotificationChannel
{
    public async Task SendAsync(Notice notice, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var message = Message(notice);
        using var client = new SmtpClient { Timeout = (int)server.Timeout.TotalMilliseconds };
        var name = $"e-mail via {server.Host}:{server.Port}";
        try
        {
            await client.ConnectAsync(server.Host, server.Port, Options(server.Security), cancel).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(server.Username))
            {
                await client.AuthenticateAsync(new NetworkCredential(server.Username, server.Password), cancel).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancel).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancel).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationException($"{name}: the server refused the user name or password ({e.Message})", e);
        }
        catch (SmtpCommandException e)
        {
            throw new NotificationException($"{name}: the server answered {(int)e.StatusCode} to {e.ErrorCode} ({e.Message})", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or SslHandshakeException or SocketException or IOException or TimeoutException or ServiceNotConnectedException)
        {
            throw new NotificationException($"{name}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new NotificationException($"{name}: no answer within {server.Timeout.TotalSeconds:0.#} s", e);
        }
    }

    public MimeMessage Message(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var message = new MimeMessage { Subject = $"[Postmeter] {notice.Title}", Date = new DateTimeOffset(notice.Time, TimeSpan.Zero) };
        message.From.Add(sender);
        message.To.AddRange(recipients);
        var link = notice.Link?.ToString();
        var body = new BodyBuilder
        {
            TextBody = link is null ? $"{notice.Title}\n\n{notice.Text}\n" : $"{notice.Title}\n\n{notice.Text}\n\n{link}\n",
            HtmlBody = $"""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <h2>{WebUtility.HtmlEncode(notice.Title)}</h2>
                <p>{WebUtility.HtmlEncode(notice.Text)}</p>
                {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>")}
                </body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Options(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentException($"'{security}' is not an SMTP security; expected none, starttls or tls", nameof(security)),
    };
}
