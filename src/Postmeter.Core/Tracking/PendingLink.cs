using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>A link named before its target queue appeared: a hop to re-inject, or a notification's parent.</summary>
internal sealed record PendingLink(DateTime Time, TrackedMessage? HopParent, string? NotificationOf, NotificationKind? Notification);
