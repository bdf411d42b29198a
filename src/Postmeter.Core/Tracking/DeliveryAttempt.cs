using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>One delivery status line for one recipient.</summary>
public sealed record DeliveryAttempt(
    DateTime Time,
    DeliveryStatus Status,
    string Daemon,
    string? Relay,
    string? Dsn,
    string? Response,
    double Delay,
    string? Tls);
