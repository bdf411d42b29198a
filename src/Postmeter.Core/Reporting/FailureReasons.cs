using Postmeter.Core.Classification;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Reporting;

/// <summary>
/// The cause a failure is counted under — its category, the provider whose block fingerprint matched, and its reply
/// shortened (<see cref="ReasonText"/>) — one rule for the report and the dashboard's rollups, so both count the same
/// reasons. Each distinct reply is classified once.
/// </summary>
public sealed class FailureReasons(FailureClassifier classifier)
{
    private const int MaxRemembered = 8192;

    private readonly Dictionary<(string? Dsn, string? Response), FailureReason> _known = [];

    /// <summary>The reason a bounce or deferral attempt failed.</summary>
    public FailureReason Of(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (_known.TryGetValue((attempt.Dsn, attempt.Response), out var reason))
        {
            return reason;
        }

        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        var failure = classifier.Classify(attempt.Dsn, attempt.Response);
        reason = new FailureReason(failure.Category, failure.Provider, ReasonText.Normalize($"{attempt.Dsn} {ReasonText.Normalize(attempt.Response)}".Trim()));
        _known[(attempt.Dsn, attempt.Response)] = reason;
        return reason;
    }

    /// <summary>The reason of a refusal before the queue: <c>content</c> for cleanup's, <c>access</c> for smtpd's and postscreen's.</summary>
    public static FailureReason Of(RejectRecord reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        return new FailureReason(
            reject.Source == "cleanup" ? "content" : "access",
            null,
            ReasonText.Normalize(reject.Dsn is null ? reject.Reason : $"{reject.Code} {reject.Dsn} {reject.Reason}"));
    }
}

/// <summary>A counted failure cause.</summary>
/// <param name="Category">The failure class (<see cref="FailureClass.Category"/>), or <c>access</c>/<c>content</c> for rejects.</param>
/// <param name="Provider">The provider whose block fingerprint matched, if any.</param>
/// <param name="Text">The reply, shortened: addresses, ids and numbers taken out.</param>
public sealed record FailureReason(string Category, string? Provider, string Text)
{
    private const char Separator = '\u001f';

    /// <summary>One string for the three parts, to count by.</summary>
    public string Key => $"{Category}{Separator}{Provider}{Separator}{Text}";

    /// <summary>The reason a <see cref="Key"/> was made of.</summary>
    /// <exception cref="FormatException">Not a key.</exception>
    public static FailureReason FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator, 3);
        return parts.Length == 3
            ? new FailureReason(parts[0], parts[1].Length == 0 ? null : parts[1], parts[2])
            : throw new FormatException("a failure reason key has three parts separated by U+001F");
    }
}
