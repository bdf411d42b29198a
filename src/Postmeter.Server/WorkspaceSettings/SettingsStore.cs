using System.Text.Json;
using Postmeter.Server.Api;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.WorkspaceSettings;

/// <summary>
/// The admin's settings in the workspace, a JSON document per group. Secrets are kept unless replaced (and only for
/// the same SMTP server and account, or the same webhook URL) and never leave through <see cref="Read"/>, which shows
/// a stored one as <see cref="Mask"/>.
/// </summary>
internal sealed class SettingsStore(IAccountStore accounts, JsonSerializerOptions json)
{
    public const string Mask = "********";

    private const string Prefix = "web.";

    /// <summary>The stored settings, defaults where nothing is stored, secrets masked.</summary>
    public SettingsDocument Read() => Masked(Stored());

    /// <summary>The stored settings with their secrets, for the parts of Postmeter that use them.</summary>
    public SettingsDocument Stored() => new(
        Load<GeneralSettings>("general") ?? new GeneralSettings(),
        Detective(),
        Load<NotificationSettings>("notifications") ?? new NotificationSettings(),
        Load<InsightSettings>("insights") ?? new InsightSettings(),
        Retention(),
        Accounts());

    /// <summary>The retention an admin set, or null (one group read, for the retention loop).</summary>
    public RetentionSettings? Retention() => Load<RetentionSettings>("retention");

    /// <summary>The detective group (one group read, for each unauthenticated search).</summary>
    public DetectiveSettings Detective() => Load<DetectiveSettings>("detective") ?? new DetectiveSettings();

    /// <summary>The accounts group (one group read, for each registration).</summary>
    public AccountSettings Accounts() => Load<AccountSettings>("accounts") ?? new AccountSettings();

    /// <summary>Whether anything was ever stored (a new workspace takes <c>-default_settings</c>).</summary>
    public bool IsEmpty => accounts.GetSetting(Prefix + "general") is null && accounts.GetSetting(Prefix + "notifications") is null;

    /// <summary>Stores the groups the document gives (checked before), keeping secrets it does not replace; returns the names of the groups stored.</summary>
    public List<string> Write(SettingsDocument changes)
    {
        var stored = Stored();
        var written = new List<string>();
        void Save<T>(string group, T? value)
        {
            if (value is not null)
            {
                accounts.SetSetting(Prefix + group, JsonSerializer.Serialize(value, json));
                written.Add(group);
            }
        }

        Save("general", changes.General);
        Save("detective", changes.Detective);
        Save("notifications", changes.Notifications is { } notifications ? KeepSecrets(notifications, stored.Notifications!) : null);
        Save("insights", changes.Insights);
        Save("retention", changes.Retention);
        Save("accounts", changes.Accounts);
        return written;
    }

    private static NotificationSettings KeepSecrets(NotificationSettings changed, NotificationSettings stored)
    {
        var hooks = changed.Webhooks ?? [];
        var storedHooks = stored.Webhooks ?? [];
        return changed with
        {
            Slack = (changed.Slack ?? new SlackSettings()) with
            {
                Token = Secret(changed.Slack?.Token, stored.Slack?.Token),
                WebhookUrl = Secret(changed.Slack?.WebhookUrl, stored.Slack?.WebhookUrl),
            },
            Email = (changed.Email ?? new EmailSettings()) with { Password = Secret(changed.Email?.Password, SameMailbox(changed.Email, stored.Email) ? stored.Email?.Password : null) },
            Webhooks = [.. hooks.Select(hook => hook with { Secret = Secret(hook.Secret, storedHooks.FirstOrDefault(s => s.Url == hook.Url)?.Secret) })],
        };
    }

    /// <summary>
    /// A kept SMTP password is sent only to the server and account it was given for: pointing the settings elsewhere
    /// (another server, user or security) needs the password again, so a stored one cannot be sent to a new server.
    /// </summary>
    private static bool SameMailbox(EmailSettings? changed, EmailSettings? stored) =>
        changed is not null && stored is not null && changed.Server == stored.Server && changed.Port == stored.Port
        && changed.Username == stored.Username && changed.Security == stored.Security;

    /// <summary>Omitted, null or the mask: the stored secret; empty: none; anything else: the new one.</summary>
    private static string? Secret(string? given, string? stored) => given switch
    {
        null or Mask => stored,
        "" => null,
        _ => given,
    };

    private static SettingsDocument Masked(SettingsDocument document)
    {
        var notifications = document.Notifications!;
        return document with
        {
            Notifications = notifications with
            {
                Slack = (notifications.Slack ?? new SlackSettings()) with { Token = MaskOf(notifications.Slack?.Token), WebhookUrl = MaskOf(notifications.Slack?.WebhookUrl) },
                Email = (notifications.Email ?? new EmailSettings()) with { Password = MaskOf(notifications.Email?.Password) },
                Webhooks = [.. (notifications.Webhooks ?? []).Select(h => h with { Secret = MaskOf(h.Secret) })],
            },
        };
    }

    private static string? MaskOf(string? secret) => secret is null ? null : Mask;

    private T? Load<T>(string group)
        where T : class
    {
        var text = accounts.GetSetting(Prefix + group);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the stored settings group {group} is damaged ({e.Message})", e);
        }
    }
}
