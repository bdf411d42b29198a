namespace Postmeter.Core.Parsing;

/// <summary>A <see cref="YearlessClock"/>'s inferred year and the last day it saw (-1 before the first line).</summary>
public readonly record struct ClockState(int Year, int LastDayKey);
