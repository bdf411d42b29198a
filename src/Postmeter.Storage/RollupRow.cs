using Postmeter.Core.Tracking;

namespace Postmeter.Storage;

/// <summary>One hourly rollup row: fates counted by the hour of the fate.</summary>
public sealed record RollupRow(
    DateTime Hour,
    Direction Direction,
    Fate Status,
    string RecipientDomain,
    string ProviderGroup,
    string SenderDomain,
    long Count,
    long DeferralAttempts);
