using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Postmeter.Core.Processing;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Ingest.Importing;

/// <summary>
/// Imports log files or standard input into a workspace exactly once (the one-shot mode; <see cref="DirectoryFollower"/>
/// follows files, <see cref="NetworkReceiver"/> takes lines from the network). Lines are parsed on the calling thread, tracked on a second,
/// committed on a third; every commit holds the rows, each source's position and the tracker's state together (see
/// docs/workspace-store.md), so an import killed at any moment and started again ends with the data of an
/// uninterrupted one, and importing the same files again adds nothing.
/// </summary>
public sealed class WorkspaceImporter(
    IImportWriter store,
    ImportSettings settings,
    TimeProvider clock,
    IImportProgressListener? progress = null,
    IImportObserver? observer = null,
    ILogger<WorkspaceImporter>? logger = null)
{
    private readonly IImportObserver _observer = observer ?? ImportObserver.None;
    private readonly ILogger _logger = logger ?? NullLogger<WorkspaceImporter>.Instance;

    /// <summary>Imports <paramref name="inputs"/> in order; <paramref name="openStdin"/> opens standard input when one of them is <c>-</c>.</summary>
    /// <param name="live">
    /// Standard input is a live feed (<c>tail -F mail.log | postmeter -stdin</c>): what arrives is committed within
    /// about a second, not only every few thousand lines, and the import ends when the feed does.
    /// </param>
    /// <param name="stop">Ends the import early: after the line being read, with what was read committed.</param>
    public ImportSummary Import(IReadOnlyList<LogInput> inputs, Func<Stream> openStdin, bool live = false, CancellationToken stop = default)
    {
        var counts = new HourlyLineStatistics();
        using var pipeline = new ImportPipeline(store, settings, counts, _observer, _logger, idle: live, live: live);
        var reader = new SourceReader(settings, clock, counts, _observer, _logger, progress, pipeline.SavedSources, stop);
        int read = 0, unchanged = 0;
        var sizes = inputs.Select(i => i.IsStandardInput ? 0 : LogFileInfo.SizeOrZero(i.Path)).ToArray();
        var total = sizes.Sum();
        long bytesBefore = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var progressBase = new ImportProgress(bytesBefore, total, 0, inputs[i].DisplayName, i, inputs.Count);
            if (reader.Read(inputs[i], openStdin, pipeline.Processor, progressBase, live && inputs[i].IsStandardInput))
            {
                read++;
            }
            else
            {
                unchanged++;
            }

            bytesBefore += sizes[i];
            if (stop.IsCancellationRequested)
            {
                break;
            }
        }

        pipeline.Finish(stop.IsCancellationRequested);
        progress?.Report(new ImportProgress(total, total, reader.LinesRead, string.Empty, inputs.Count, inputs.Count));
        return pipeline.Summary(reader.LinesRead, read, unchanged);
    }
}
