using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tracking;
using Postmeter.Ingest.Sources;

namespace Postmeter.Server.Cli;

/// <summary>Reads every input in order through one <see cref="LogProcessor"/>, streaming, in bounded memory.</summary>
internal sealed class LogRun(LogReadingSettings settings, ITrackingSink sink, TimeProvider clock)
{
    public LineStatistics Statistics { get; } = new();

    public MessageTracker? Tracker { get; private set; }

    public void Run(Func<Stream> openStdin)
    {
        var inputs = LogInputs.Expand(settings.Inputs);
        var tracker = new MessageTracker(sink);
        Tracker = tracker;
        using var processor = new PipelinedLogProcessor(tracker, Statistics);
        foreach (var input in inputs)
        {
            var reference = input.IsStandardInput ? clock.GetUtcNow().UtcDateTime : LogFileInfo.LastWriteUtc(input.Path);
            var envelopes = new EnvelopeParser(settings.Format, new YearlessClock(settings.Zone, settings.StartingYear, reference));
            using var stream = input.IsStandardInput ? LogFileOpener.Open(openStdin(), input.DisplayName) : input.Open();
            new LineReader().ReadAll(stream, line => processor.ProcessLine(envelopes, line));
        }

        processor.Complete();
    }
}
