namespace Postmeter.Core.Tracking;

/// <summary>Where a message went; see <see cref="DirectionRule"/>.</summary>
public enum Direction : byte
{
    Outbound,
    Inbound,
    Local,
}
