namespace Postmeter.Core.Reporting;

public sealed record DayTraffic(DateOnly Date, long Received, long Delivered, long Deferred, long Bounced, long Expired, long Rejected);
