namespace Postmeter.Core.Reporting;

public sealed record ReasonCount(string Category, string? Provider, string Reason, long Count);
