namespace Postmeter.Server.Api;

/// <summary>
/// Final recipients by fate over the counted range (<c>from</c>, <c>to</c>: the whole hours that overlap the asked one),
/// messages returned to their sender, rejects (incoming mail refused: inbound and all only) and deferral attempts.
/// </summary>
internal sealed record StatusView(
    DateTime From, DateTime To, string Direction, long Sent, long Bounced, long Deferred, long Expired, long Discarded, long Returned, long Rejected,
    long DeferralAttempts);

/// <summary>The counts of <see cref="StatusView"/> per bucket: each array has one value per entry of <c>times</c>.</summary>
internal sealed record TimeseriesView(
    DateTime From, DateTime To, string Granularity, string Direction, IReadOnlyList<DateTime> Times,
    long[] Sent, long[] Bounced, long[] Deferred, long[] Expired, long[] Discarded, long[] Returned, long[] Rejected);

/// <summary>A ranked list over the counted range (whole UTC days for senders and recipients).</summary>
internal sealed record TopView(DateTime From, DateTime To, string Kind, string Status, string Direction, IReadOnlyList<RankedView> Items);

/// <summary>The busiest local mailboxes of a kind, with their series aligned with <c>times</c>.</summary>
internal sealed record MailboxesView(DateTime From, DateTime To, string Kind, string Granularity, IReadOnlyList<DateTime> Times, IReadOnlyList<MailboxSeriesView> Mailboxes);

/// <summary>One mailbox: its address, its total over the range and its count per bucket.</summary>
internal sealed record MailboxSeriesView(string Mailbox, long Total, long[] Counts);

/// <summary>The top failure causes of bounces, deferral attempts or rejects.</summary>
internal sealed record ReasonsView(DateTime From, DateTime To, string Status, IReadOnlyList<ReasonView> Reasons);

/// <summary>
/// One cause: its class (<c>category</c>, and the <c>provider</c> whose block fingerprint matched), the reply with
/// addresses and numbers taken out, how often, how many domains it hit and the five it hit most, and one full reply.
/// </summary>
internal sealed record ReasonView(string Category, string? Provider, string Reason, long Count, int DomainCount, IReadOnlyList<RankedView> Domains, string? Example);

/// <summary>SMTP AUTH over a range.</summary>
internal sealed record LoginsView(IReadOnlyList<LoginBucketView> Buckets, IReadOnlyList<RankedView> FailingClients, IReadOnlyList<RankedView> FailingUsernames);

/// <summary>One hour or UTC day.</summary>
internal sealed record LoginBucketView(DateTime Time, long Successes, long Failures);

/// <summary>A key of a top list and its count.</summary>
internal sealed record RankedView(string Key, long Count);
