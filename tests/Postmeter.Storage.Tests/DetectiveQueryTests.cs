using System.Text.Json;
using Postmeter.Core.Classification;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;
using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

/// <summary>The Message Detective's queries, on workspaces of real logs, against their truth files and against the rule of <see cref="DetectiveMatch"/>.</summary>
public abstract class DetectiveQueryTests(IStoreImplementation implementation)
{
    [Theory]
    [InlineData("seed42")]
    [InlineData("seed11")]
    [InlineData("longqid")]
    [InlineData("filter")]
    public void Every_message_of_the_truth_file_is_found_by_queue_id_message_id_sender_and_recipient_with_its_fate_and_every_reject_by_its_recipient(string fixture)
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Named(fixture), workspace.Store);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Fixtures.Named(fixture))!, "truth.json")));
        var failures = new List<string>();
        var checks = 0;
        void Check(bool ok, string what)
        {
            checks++;
            if (!ok)
            {
                failures.Add(what);
            }
        }

        foreach (var m in truth.RootElement.GetProperty("messages").EnumerateArray())
        {
            var queueId = m.TryGetProperty("queue_id", out var q) ? q.GetString() : null;
            var sender = m.GetProperty("sender").GetString();
            var recipients = m.GetProperty("recipients").EnumerateArray().ToList();
            if (queueId is not null && m.GetProperty("scenario").GetString() != "authfail")
            {
                var byQueue = Search(workspace.Store, id: queueId);
                var message = byQueue.Select(r => r.Message).FirstOrDefault(x => x?.QueueId == queueId || x?.Hops.Contains(queueId) == true);
                Check(message is not null, $"{queueId}: not found by its queue id");
                if (message is null)
                {
                    continue;
                }

                if (m.TryGetProperty("message_id", out var messageId) && messageId.GetString() is { } mid && message.MessageId is not null)
                {
                    Check(Search(workspace.Store, id: mid).Any(r => r.Message?.Id == message.Id), $"{queueId}: not found by Message-ID {mid}");
                }

                if (!string.IsNullOrEmpty(sender))
                {
                    Check(Search(workspace.Store, sender: sender.ToUpperInvariant()).Any(r => r.Message?.Id == message.Id), $"{queueId}: not found by sender {sender}");
                }

                foreach (var r in recipients.Where(r => r.GetProperty("expected").GetString() != "rejected"))
                {
                    var address = r.GetProperty("address").GetString()!;
                    var found = Search(workspace.Store, recipient: address).Select(x => x.Message).FirstOrDefault(x => x?.Id == message.Id);
                    Check(found is not null, $"{queueId}: not found by recipient {address}");
                    var expected = r.GetProperty("expected").GetString();
                    Check(found is null || FateFor(found, address) == expected, $"{queueId}: {address} is {(found is null ? "-" : FateFor(found, address))}, expected {expected}");
                    var domain = address[(address.IndexOf('@') + 1)..];
                    Check(Search(workspace.Store, recipient: "@" + domain).Any(x => x.Message?.Id == message.Id), $"{queueId}: not found by recipient domain {domain}");
                }
            }

            foreach (var r in recipients.Where(r => r.GetProperty("expected").GetString() == "rejected"))
            {
                var address = r.GetProperty("address").GetString()!;
                var code = r.GetProperty("expected_smtpd_code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var rejects = Search(workspace.Store, recipient: address, status: DetectiveStatus.Rejected);
                Check(rejects.Any(x => x.Reject?.Code == code) || m.TryGetProperty("reject_stage", out _), $"reject of {address} with {code} not found by its recipient");
            }
        }

        Assert.True(checks > 20, $"only {checks} checks ran");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public void Stored_results_are_those_the_match_rule_picks_from_a_replay_newest_first_across_pages()
    {
        using var workspace = new StoreFixture(implementation);
        var import = FixtureImport.Run(Fixtures.AllInTimeOrder, workspace.Store);
        var queries = new[]
        {
            Query(recipient: "@gmail.com"),
            Query(sender: "example.net", status: DetectiveStatus.Bounced),
            Query(status: DetectiveStatus.Expired),
            Query(status: DetectiveStatus.Returned),
            Query(recipient: "@example.net", status: DetectiveStatus.Rejected),
            Query(recipient: "google.com"),
            Query() with { Range = new TimeRange(new DateTime(2026, 11, 22, 1, 40, 0, DateTimeKind.Utc), new DateTime(2026, 11, 22, 1, 45, 0, DateTimeKind.Utc)) },
            Query() with { Directions = [Direction.Inbound] },
            Query(status: DetectiveStatus.Sent) with { Directions = [Direction.Outbound, Direction.Local] },
            Query() with { Provider = new ProviderFilter("google", ProviderGroups.Default) },
            Query(status: DetectiveStatus.Bounced) with { Provider = new ProviderFilter("microsoft", ProviderGroups.Default), Directions = [Direction.Outbound] },
            Query() with { Provider = new ProviderFilter(ProviderGroups.Other, ProviderGroups.Default) },
            Query() with { Client = "127.0.0.1" },
            Query(status: DetectiveStatus.Rejected) with { Client = "127.0.0.1", Directions = [Direction.Inbound] },
            Query() with { SaslUsername = SaslUserOf(import) },
        };
        foreach (var query in queries)
        {
            var expected = import.Records
                .Where(r => r.Message is { } m ? DetectiveMatch.Matches(m, query) : r.Reject is { } j && DetectiveMatch.Matches(j, query))
                .Select(r => r.Message is not null ? FoundMessages.StoredId(r.Sequence) : FoundMessages.RejectId(r.Sequence))
                .Reverse().ToList();

            var seen = new List<string>();
            var page = workspace.Store.Search(query with { Limit = 7, CountTotal = true });
            Assert.Equal(expected.Count, page.Total);
            Assert.True(page.TotalIsExact);
            while (true)
            {
                seen.AddRange(page.Results.Select(r => r.Message?.Id ?? r.Reject!.Id));
                if (page.Next is null)
                {
                    break;
                }

                page = workspace.Store.Search(query with { Limit = 7, After = page.Next });
            }

            Assert.Equal(expected, seen);
            Assert.NotEmpty(expected);
        }
    }

    [Fact]
    public void Messages_still_in_the_queue_are_found_first_with_their_attempts_and_their_log()
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Seed42, workspace.Store);
        var tracker = PartialTracking.Until(Fixtures.Filter, fraction: 0.6);
        PartialTracking.Save(tracker, workspace.Store, workspace.Store.LoadImportState().NextSequence);

        var queued = workspace.Store.Search(Query(status: DetectiveStatus.Queued) with { Limit = 1000 }).Results;
        var all = workspace.Store.Search(Query() with { Limit = 1000 }).Results;

        Assert.NotEmpty(queued);
        Assert.All(queued, r => Assert.True(r.Message!.InFlight && r.Message.Id.StartsWith('q')));
        Assert.Equal(queued.Select(r => r.Message!.Id), all.Take(queued.Count).Select(r => r.Message!.Id));
        var one = queued[0].Message!;
        Assert.Equal(JsonSerializer.Serialize(one), JsonSerializer.Serialize(workspace.Store.Find(one.Id)!.Message));
        Assert.Contains(workspace.Store.ReadLog(one.Id), line => line.Contains(one.QueueId, StringComparison.Ordinal));
        Assert.Contains(workspace.Store.Search(Query(id: one.QueueId)).Results, r => r.Message?.Id == one.Id);
    }

    [Fact]
    public void A_store_kept_open_across_commits_shows_the_mail_in_flight_a_store_opened_afresh_shows()
    {
        // The server's store keeps the saved messages decoded from one commit to the next and reads only the rows
        // written since; each commit here writes only what changed, removes what left, and moves the clock.
        using var workspace = new StoreFixture(implementation);
        var lines = File.ReadAllLines(Fixtures.Filter);
        var tracker = new MessageTracker(new DiscardingSink(), new TrackerOptions { KeepRawLines = true });
        var saver = new IncrementalTrackerState();
        var envelopes = PartialTracking.Envelopes();
        var fed = 0;
        var compared = 0;
        foreach (var fraction in new[] { 0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 1.0 })
        {
            for (; fed < (int)(lines.Length * fraction); fed++)
            {
                PartialTracking.Feed(envelopes, tracker, lines[fed]);
            }

            var saved = saver.Take(tracker);
            workspace.Store.Commit(new CommitBatch { TrackerState = saved.Header, TrackerMessages = saved.Messages, NextSequence = 0 });
            var kept = InFlightView(workspace.Store);
            using var fresh = implementation.Open(workspace.Workspace, WorkspaceAccess.ReadOnly);
            Assert.Equal(InFlightView(fresh), kept);
            compared += kept.Count(line => line.Contains("\"Id\":\"q", StringComparison.Ordinal));
            if (workspace.Store is Sqlite.SqliteWorkspaceStore sqlite)
            {
                Assert.Equal(SavedRows(workspace.Database), sqlite.InFlight.HeldSavedMessages);
            }
        }

        Assert.True(compared > 20, $"{compared} messages in flight compared");
    }

    private static long SavedRows(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tracker_messages";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The queued messages the detective finds, and the traffic counted, each as a line.</summary>
    private static List<string> InFlightView(IWorkspaceStore store) =>
    [
        .. store.Search(Query(status: DetectiveStatus.Queued) with { Limit = 1000 }).Results.Select(r => JsonSerializer.Serialize(r.Message)),
        .. store.ReadTraffic(TimeRange.All).Select(r => JsonSerializer.Serialize(r)),
    ];

    [Fact]
    public void A_message_is_found_by_id_with_its_log_and_its_notification_linked_both_ways()
    {
        using var workspace = new StoreFixture(implementation);
        FixtureImport.Run(Fixtures.Seed42, workspace.Store);

        var returned = workspace.Store.Search(Query(status: DetectiveStatus.Returned) with { Limit = 1000 }).Results.Select(r => r.Message!).ToList();

        Assert.NotEmpty(returned);
        Assert.All(returned, m => Assert.NotNull(m.NotificationId));
        var message = returned[0];
        var notification = workspace.Store.Find(message.NotificationId!)!.Message!;
        Assert.Equal(message.QueueId, notification.NotificationOf);
        Assert.Equal(message.Id, notification.NotifiedMessageId);
        Assert.True(message.HasLog);
        Assert.Contains(workspace.Store.ReadLog(message.Id), line => line.Contains(message.QueueId + ": removed", StringComparison.Ordinal));
        var reject = workspace.Store.Search(Query(status: DetectiveStatus.Rejected)).Results[0].Reject!;
        Assert.Equal(reject, workspace.Store.Find(reject.Id)!.Reject);
        Assert.Single(workspace.Store.ReadLog(reject.Id));
        Assert.Null(workspace.Store.Find("m999999"));
        Assert.Null(workspace.Store.Find("nonsense"));
        Assert.Empty(workspace.Store.ReadLog("q!!"));
    }

    [Theory]
    [InlineData("Someone@Example.COM", "someone@example.com", false)]
    [InlineData("@Example.com", "example.com", true)]
    [InlineData("example.com", "example.com", true)]
    [InlineData("a@b@example.com", "a@b@example.com", false)]
    public void A_search_term_is_an_address_or_a_domain(string text, string term, bool isDomain) =>
        Assert.Equal(new SearchTerm(term, isDomain), SearchTerm.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("someone@")]
    [InlineData("a b@example.com")]
    [InlineData("<a@example.com>")]
    [InlineData("example..com")]
    public void A_search_term_that_is_neither_is_refused(string text) => Assert.Null(SearchTerm.Parse(text));

    /// <summary>A SASL username of the imported mail (the realpostfix runs submit some mail with SMTP AUTH).</summary>
    private static string SaslUserOf(FixtureImport import) =>
        import.Records.Select(r => r.Message?.SaslUsername).First(u => u is not null)!;

    private static IReadOnlyList<DetectiveResult> Search(IWorkspaceStore store, string? sender = null, string? recipient = null, string? id = null, DetectiveStatus status = DetectiveStatus.Any) =>
        store.Search(Query(sender, recipient, id, status) with { Limit = 1000 }).Results;

    private static DetectiveQuery Query(string? sender = null, string? recipient = null, string? id = null, DetectiveStatus status = DetectiveStatus.Any) =>
        new(sender is null ? null : SearchTerm.Parse(sender), recipient is null ? null : SearchTerm.Parse(recipient), id, status, TimeRange.All, null, 50, false);

    private static string FateFor(FoundMessage message, string address)
    {
        var fates = message.Recipients.Where(r => r.HopQueueId is null && string.Equals(r.OrigAddress ?? r.Address, address, StringComparison.OrdinalIgnoreCase)).Select(r => r.Fate).ToList();
        return fates.Count == 0 ? "recipient not found"
            : fates.Contains(Fate.Bounced) ? "bounced"
            : fates.Contains(Fate.Expired) ? "expired"
            : fates.Contains(Fate.Deferred) ? "deferred"
            : fates.Contains(Fate.Discarded) ? "discarded"
            : "sent";
    }
}
