using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary>
/// A search's every result as CSV (RFC 4180), streamed a page at a time: one row per recipient attempt (a recipient
/// not yet attempted, and a reject, get one row of their own). A cell that a spreadsheet would run as a formula
/// (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) is written with a leading apostrophe.
/// </summary>
internal static class DetectiveCsv
{
    /// <summary>Rows one export writes at the most.</summary>
    public const int MaximumRows = 1_000_000;

    private static readonly string[] Header =
    [
        "kind", "id", "time", "host", "queue_id", "hops", "message_id", "sender", "client_ip", "size", "direction", "recipient", "original_recipient",
        "fate", "attempt_time", "attempt_status", "dsn", "relay", "delay", "reply",
    ];

    public static async Task Write(HttpResponse response, IDetectiveQueries detective, DetectiveQuery query, CancellationToken cancel)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"postmeter-detective.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(Row(Header));
        var rows = 0;
        for (var page = detective.Search(query); ; page = detective.Search(query with { After = page.Next }))
        {
            foreach (var result in page.Results)
            {
                foreach (var row in Rows(result))
                {
                    await writer.WriteAsync(Row(row).AsMemory(), cancel);
                    if (++rows >= MaximumRows)
                    {
                        return;
                    }
                }
            }

            if (page.Next is null)
            {
                return;
            }
        }
    }

    private static IEnumerable<string?[]> Rows(DetectiveResult result)
    {
        if (result.Reject is { } j)
        {
            yield return
            [
                "reject", j.Id, Time(j.Time), j.Host, j.QueueId, null, null, j.Sender, j.ClientIp, null, null, j.Recipient, null,
                "rejected", Time(j.Time), "rejected", j.Dsn, null, null, j.Code is null ? j.Reason : $"{j.Code} {j.Reason}",
            ];
            yield break;
        }

        var m = result.Message!;
        string?[] Message(FoundRecipient r) =>
        [
            "message", m.Id, Time(m.EndedAt), m.Host, m.QueueId, string.Join(' ', m.Hops), m.MessageId, m.Sender, m.ClientIp,
            m.Size?.ToString(CultureInfo.InvariantCulture), TrackingNames.Of(m.Direction), r.Address, r.OrigAddress, DetectiveViews.FateOf(r, m.InFlight),
        ];
        foreach (var recipient in m.Recipients.Where(r => r.HopQueueId is null))
        {
            if (recipient.Attempts.Count == 0)
            {
                yield return [.. Message(recipient), null, null, null, null, null, null];
            }

            foreach (var a in recipient.Attempts)
            {
                yield return [.. Message(recipient), Time(a.Time), TrackingNames.Of(a.Status), a.Dsn, a.Relay, a.Delay.ToString(CultureInfo.InvariantCulture), a.Response];
            }
        }
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
