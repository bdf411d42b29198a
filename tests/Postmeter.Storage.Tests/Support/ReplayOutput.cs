using Postmeter.Core.Classification;
using Postmeter.Core.Export;
using Postmeter.Core.Reporting;
using Postmeter.Core.Tracking;

namespace Postmeter.Storage.Tests.Support;

/// <summary>Replays a store into the JSON Lines writer and a report builder, as <c>messages</c>/<c>report --workspace</c> do.</summary>
public sealed class ReplayOutput : ITrackingSink
{
    private readonly MemoryStream _json = new();
    private readonly MessageJsonWriter _writer;

    private ReplayOutput() => _writer = new MessageJsonWriter(_json);

    public ReportBuilder Report { get; } = new(FailureClassifier.Default);

    public List<EmittedRecordView> Records { get; } = [];

    public byte[] Json { get; private set; } = [];

    public static ReplayOutput Of(IWorkspaceStore store, TimeRange range)
    {
        var output = new ReplayOutput();
        store.Replay(range, output);
        output._writer.Flush();
        output.Json = output._json.ToArray();
        return output;
    }

    public void OnMessage(TrackedMessage message)
    {
        _writer.OnMessage(message);
        Report.OnMessage(message);
        Records.Add(new EmittedRecordView(message, null, null));
    }

    public void OnReject(RejectRecord reject)
    {
        _writer.OnReject(reject);
        Report.OnReject(reject);
        Records.Add(new EmittedRecordView(null, reject, null));
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
        _writer.OnAuthFailure(failure);
        Report.OnAuthFailure(failure);
        Records.Add(new EmittedRecordView(null, null, failure));
    }
}

/// <summary>One replayed record.</summary>
public sealed record EmittedRecordView(TrackedMessage? Message, RejectRecord? Reject, AuthFailureRecord? AuthFailure);
