namespace Postmeter.Storage.Accounts;

/// <summary>A token for scripts and Prometheus; only the hash of its secret is kept.</summary>
/// <param name="Hint">The first characters of the token, to tell tokens apart in a list.</param>
public sealed record ApiToken(long Id, string Name, Role Role, string Hint, DateTime CreatedAt, DateTime? LastUsedAt);
