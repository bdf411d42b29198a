namespace Postmeter.Core.Reporting;

public sealed record KeyCount(string Key, long Count);
