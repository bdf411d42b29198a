namespace Postmeter.Core.Tracking;

/// <summary>A failed SMTP AUTH attempt.</summary>
public sealed record AuthFailureRecord(DateTime Time, string Host, string? ClientIp, string? Username, string Mechanism, string Reason);
