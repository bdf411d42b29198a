using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Postmeter.Storage;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary>The detective's search terms from a query string or an escalation, checked, one message per wrong field.</summary>
internal sealed class DetectiveSearchParameters
{
    private const int MaximumIdLength = 998;

    private static readonly Dictionary<string, DetectiveStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["any"] = DetectiveStatus.Any,
        ["sent"] = DetectiveStatus.Sent,
        ["bounced"] = DetectiveStatus.Bounced,
        ["deferred"] = DetectiveStatus.Deferred,
        ["expired"] = DetectiveStatus.Expired,
        ["discarded"] = DetectiveStatus.Discarded,
        ["returned"] = DetectiveStatus.Returned,
        ["rejected"] = DetectiveStatus.Rejected,
        ["queued"] = DetectiveStatus.Queued,
    };

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Valid => Errors.Count == 0;

    public DetectiveQuery Read(string? sender, string? recipient, string? id, string? status, string? from, string? to, string? cursor, int? limit, int maximumLimit)
    {
        var senderTerm = Term("sender", sender);
        var recipientTerm = Term("recipient", recipient);
        var trimmedId = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
        if (trimmedId is not null && (trimmedId.Length > MaximumIdLength || trimmedId.Any(char.IsControl)))
        {
            Errors["id"] = [$"id: expected a queue id or a Message-ID of at most {MaximumIdLength} printable characters"];
        }

        var state = DetectiveStatus.Any;
        if (status is not null && !Statuses.TryGetValue(status, out state))
        {
            Errors["status"] = [$"status: '{Shorten(status)}' is not one; expected one of {string.Join(", ", Statuses.Keys)}"];
        }

        var range = Range(from, to);
        var after = cursor is null ? null : Cursor(cursor);
        if (limit is { } n && (n < 1 || n > maximumLimit))
        {
            Errors["limit"] = [$"limit: {n} is out of range; expected 1 to {maximumLimit} (default 20)"];
        }

        return new DetectiveQuery(senderTerm, recipientTerm, trimmedId, state, range, after, Math.Clamp(limit ?? 20, 1, maximumLimit), CountTotal: after is null);
    }

    /// <summary>The directions a search keeps (rejects count as inbound): outbound, inbound, local, or all (null, the default).</summary>
    public IReadOnlyCollection<Core.Tracking.Direction>? Directions(string? direction) => direction switch
    {
        null or "all" => null,
        "outbound" => [Core.Tracking.Direction.Outbound],
        "inbound" => [Core.Tracking.Direction.Inbound],
        "local" => [Core.Tracking.Direction.Local],
        _ => Invalid("direction", $"direction: '{Shorten(direction)}' is not one; expected outbound, inbound, local or all"),
    };

    /// <summary>The client address that sent the mail (IPv4 or IPv6, as Postfix logs it), or null.</summary>
    public string? Client(string? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.Length > 45 || !System.Net.IPAddress.TryParse(address, out var parsed))
        {
            Errors["client"] = [$"client: '{Shorten(address)}' is not an IP address; expected one such as 192.0.2.7 or 2001:db8::7"];
            return null;
        }

        // Postfix logs IPv6 in its compressed lower-case form, IPv4 as four numbers: the same as IPAddress writes them.
        return parsed.ToString();
    }

    /// <summary>The SASL username that submitted the mail, or null.</summary>
    public string? SaslUsername(string? username)
    {
        if (username is null)
        {
            return null;
        }

        if (username.Length is 0 or > 320 || username.Any(char.IsControl))
        {
            Errors["sasl_username"] = ["sasl_username: expected a SASL username of 1 to 320 printable characters, as Postfix logs it"];
            return null;
        }

        return username;
    }

    /// <summary>The provider group recipients must belong to (a name of the dashboard's provider groups), or null.</summary>
    public ProviderFilter? Provider(string? group, Core.Classification.ProviderGroups rules)
    {
        if (group is null)
        {
            return null;
        }

        if (group.Length is 0 or > 63 || !group.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
        {
            Errors["provider"] = [$"provider: '{Shorten(group)}' is not a provider group; expected a group name such as google, microsoft or other"];
            return null;
        }

        return new ProviderFilter(group, rules);
    }

    private IReadOnlyCollection<Core.Tracking.Direction>? Invalid(string field, string message)
    {
        Errors[field] = [message];
        return null;
    }

    /// <summary>The opaque cursor of a page's end.</summary>
    public static string Cursor(PagePosition position) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"v1:{position.InFlightSkipped}:{position.BeforeSequence}")));

    private PagePosition? Cursor(string text)
    {
        try
        {
            var parts = text.Length <= 100 ? Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':') : [];
            if (parts.Length == 3 && parts[0] == "v1"
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skipped)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                return new PagePosition(skipped, before);
            }
        }
        catch (FormatException)
        {
        }

        Errors["cursor"] = ["cursor: not one this server gave; expected the next_cursor of a previous page"];
        return null;
    }

    private SearchTerm? Term(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var term = SearchTerm.Parse(text);
        if (term is null)
        {
            Errors[field] = [$"{field}: '{Shorten(text)}' is not an address or a domain; expected someone@example.com, @example.com or example.com (at most 320 characters)"];
        }

        return term;
    }

    private TimeRange Range(string? from, string? to)
    {
        DateTime? Time(string name, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DashboardParameters.TryParseTime(text, out var parsed))
            {
                return parsed;
            }

            Errors[name] = [$"{name}: not an ISO 8601 time; expected one such as 2026-12-01 or 2026-12-01T08:00:00Z"];
            return null;
        }

        var start = Time("from", from);
        var end = Time("to", to);
        if (start is not null && end is not null && start >= end)
        {
            Errors["to"] = ["to: expected a time after from"];
        }

        return new TimeRange(start, end);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
