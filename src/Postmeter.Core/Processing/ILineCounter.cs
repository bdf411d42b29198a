using Postmeter.Core.Parsing;

namespace Postmeter.Core.Processing;

/// <summary>Counts the lines read; <see cref="LineStatistics"/> for a whole run, <see cref="HourlyLineStatistics"/> per hour.</summary>
public interface ILineCounter
{
    void Count(scoped in Envelope envelope, scoped in PostfixEvent e);

    void CountMalformed();
}
