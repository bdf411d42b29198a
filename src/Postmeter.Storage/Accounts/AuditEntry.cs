namespace Postmeter.Storage.Accounts;

/// <summary>
/// One line of the audit trail: who (a user's e-mail, a token's name, or the command line) did what, when, from where.
/// Never holds a password or a token.
/// </summary>
public sealed record AuditEntry(long Id, DateTime Time, string Actor, string? ClientAddress, string Action, string? Target, string? Detail);
