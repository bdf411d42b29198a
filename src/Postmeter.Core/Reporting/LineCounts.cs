namespace Postmeter.Core.Reporting;

public sealed record LineCounts(long Total, long Understood, long NotUnderstood, long Malformed, long OrphanLines, IReadOnlyList<KeyCount> NotUnderstoodByProgram);
