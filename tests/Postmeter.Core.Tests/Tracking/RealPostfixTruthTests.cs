using System.Text.Json;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>
/// Checks every message of realpostfix runs (a real Postfix on loopback, with a truth file written by the tool that
/// sent the mail) against what the tracker concludes from the log alone.
/// </summary>
public sealed class RealPostfixTruthTests
{
    public static TheoryData<string, string, LogFormat> Runs()
    {
        var data = new TheoryData<string, string, LogFormat>();
        void Add(string dir, string log, LogFormat format)
        {
            if (File.Exists(Path.Combine(dir, log)))
            {
                data.Add(dir, log, format);
            }
        }

        Add(FixturePaths.Fixture("realpostfix-seed42"), "maillog", LogFormat.Default);
        Add(FixturePaths.Fixture("realpostfix-seed42"), "maillog.rfc3339", LogFormat.Rfc3339);
        Add(FixturePaths.Fixture("realpostfix-longqid"), "maillog", LogFormat.Default);
        Add(FixturePaths.Fixture("realpostfix-longqid"), "maillog.rfc3339", LogFormat.Rfc3339);
        Add(FixturePaths.Fixture("realpostfix-seed11"), "maillog", LogFormat.Default);
        Add(FixturePaths.Fixture("realpostfix-filter"), "maillog", LogFormat.Default);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_message_of_the_truth_file_gets_its_true_fate(string runDirectory, string log, LogFormat format)
    {
        var (sink, stats, _) = Track.File(Path.Combine(runDirectory, log), format);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "truth.json")));
        var failures = new List<string>();
        var checks = 0;
        foreach (var m in truth.RootElement.GetProperty("messages").EnumerateArray())
        {
            checks += CheckMessage(m, sink, failures);
        }

        Assert.True(checks > 100, $"only {checks} checks ran");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join('\n', failures.Take(40)));
        Assert.Equal(0, stats.Malformed);
    }

    private static int CheckMessage(JsonElement m, CollectingSink sink, List<string> failures)
    {
        var checks = 0;
        var id = m.GetProperty("id").GetInt32();
        var scenario = m.GetProperty("scenario").GetString();
        var clientIp = m.GetProperty("client_ip").GetString();
        var queueId = m.GetProperty("queue_id").GetString();
        void Check(bool ok, string what)
        {
            checks++;
            if (!ok)
            {
                failures.Add($"message {id} ({scenario}/{m.GetProperty("subcase").GetString()}, qid {queueId}): {what}");
            }
        }

        if (scenario == "authfail")
        {
            var attempts = m.GetProperty("auth").GetProperty("attempts").GetArrayLength();
            var seen = sink.AuthFailures.Count(f => f.ClientIp == clientIp);
            Check(seen >= attempts, $"expected {attempts} SASL failures from {clientIp}, saw {seen}");
            return checks;
        }

        var message = queueId is null ? null : sink.Messages.FirstOrDefault(x => x.QueueId == queueId);
        if (queueId is not null)
        {
            Check(message is not null, "message not emitted");
            if (message is null)
            {
                return checks;
            }

            Check(message.Completion == Completion.Removed, $"completion {message.Completion}");
            if (m.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object)
            {
                var user = auth.GetProperty("attempts").EnumerateArray().Last().GetProperty("user").GetString();
                Check(message.SaslUsername == user, $"sasl_username {message.SaslUsername} != {user}");
            }

            var expectNdr = m.TryGetProperty("expect_ndr", out var ndr) && ndr.GetBoolean();
            if (!string.IsNullOrEmpty(m.GetProperty("sender").GetString()) || expectNdr)
            {
                Check(message.ReturnedToSender == expectNdr, $"returned_to_sender {message.ReturnedToSender}, expected {expectNdr}");
            }

            if (expectNdr)
            {
                var ndrTo = m.GetProperty("ndr_to").GetString()!;
                var expected = m.GetProperty("ndr_expected").GetString();
                var notices = sink.Messages.Where(x => x.NotificationOf == queueId && x.NotificationKind == NotificationKind.SenderNonDelivery).ToList();
                Check(notices.Count > 0, "no non-delivery notification linked to the message");
                foreach (var notice in notices)
                {
                    var fate = FateFor(notice, ndrTo);
                    Check(fate == expected, $"notification {notice.QueueId} to {ndrTo}: {fate}, expected {expected}");
                }
            }
        }

        foreach (var r in m.GetProperty("recipients").EnumerateArray())
        {
            var address = r.GetProperty("address").GetString()!;
            var expected = r.GetProperty("expected").GetString();
            if (expected == "rejected")
            {
                var code = r.GetProperty("expected_smtpd_code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var hit = sink.Rejects.Where(x => x.ClientIp == clientIp && (string.Equals(x.Recipient, address, StringComparison.OrdinalIgnoreCase)
                    || (x.Stage == "MAIL" && m.TryGetProperty("reject_stage", out var st) && st.GetString() == "MAIL"))).ToList();
                Check(hit.Count > 0 && hit.Any(x => x.Code == code), $"reject of {address} with code {code} not found");
                continue;
            }

            var actual = message is null ? "no message" : FateFor(message, address);
            Check(actual == expected, $"recipient {address}: {actual}, expected {expected}");
        }

        return checks;
    }

    /// <summary>The fate of an original recipient: like Postfix's own accounting, any bounced expansion makes it bounced.</summary>
    private static string FateFor(TrackedMessage message, string address)
    {
        var fates = message.FinalRecipients
            .Where(r => string.Equals(r.OrigAddress ?? r.Address, address, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Fate)
            .ToList();
        if (fates.Count == 0)
        {
            return "recipient not found";
        }

        return fates.Contains(Fate.Bounced) ? "bounced"
            : fates.Contains(Fate.Expired) ? "expired"
            : fates.Contains(Fate.Deferred) ? "deferred"
            : fates.Contains(Fate.Discarded) ? "discarded"
            : "sent";
    }
}
