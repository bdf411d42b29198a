namespace Postmeter.Core.Classification;

/// <summary>What went wrong with a failed delivery attempt, and who refused it.</summary>
public readonly record struct FailureClass(string Category, string? Provider);
