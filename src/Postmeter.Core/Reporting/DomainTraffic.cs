namespace Postmeter.Core.Reporting;

public sealed record DomainTraffic(string Domain, long Messages, long Delivered, long Bounced, long Deferred, long Expired, long DeferralAttempts, long Bytes);
